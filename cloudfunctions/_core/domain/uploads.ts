/**
 * What an upload may be, decided by its bytes: the type a client declares is a label anyone can
 * forge (HTML sent as image/png), the first bytes of a real JPEG, PNG, WebP or PDF are not.
 */

export type UploadType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export const UPLOAD_EXTENSIONS: Readonly<Record<UploadType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export const IMAGE_TYPES: readonly UploadType[] = ['image/jpeg', 'image/png', 'image/webp'];
export const ATTACHMENT_TYPES: readonly UploadType[] = [...IMAGE_TYPES, 'application/pdf'];

/** Per person; README "上传限制" states the same numbers. */
export const UPLOAD_LIMITS = {
  /** One file. */
  maxBytes: 5 * 1024 * 1024,
  /** Files per rolling hour: a report takes at most 9 photos, a disclosure a few attachments. */
  perHour: 60,
  /** Everything a person has stored; erasure and removed files give it back. */
  quotaBytes: 200 * 1024 * 1024,
} as const;

export const UPLOAD_COLLECTIONS = {
  /** One row per stored file: who uploaded it, what its bytes are, how large. `_id` is the file id. */
  uploads: 'uploads',
  /** One row per person: bytes stored and the recent upload times (the rolling-hour window). */
  usage: 'upload_usage',
} as const;

export interface UploadDoc {
  _id: string;
  /** The uploader's platform identity (what the gateway or WeChat says), compared with the caller's. */
  ownerOpenid: string;
  contentType: UploadType;
  size: number;
  createdAt: string;
}

export interface UploadUsageDoc {
  /** The uploader's openid. */
  _id: string;
  bytes: number;
  /** ISO times of uploads within the last hour (at most `perHour` kept). */
  recent: string[];
}

export const UPLOAD_TYPE_MESSAGE = '只支持 JPG、PNG、WebP 图片或 PDF 文件';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The type the bytes really are, or null for anything we do not store (HTML, SVG, scripts, archives…). */
export function sniffUploadType(bytes: Uint8Array): UploadType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  return null;
}

export interface UploadRefusal {
  code: 'INVALID_INPUT' | 'RATE_LIMITED';
  message: string;
}

/**
 * Why this upload may not be stored now, or null when it may: size, rolling-hour count and quota.
 * `usage` is the person's row as read inside the upload's transaction.
 */
export function uploadRefusal(usage: UploadUsageDoc | null, size: number, now: Date): UploadRefusal | null {
  if (size === 0) return { code: 'INVALID_INPUT', message: '文件为空' };
  if (size > UPLOAD_LIMITS.maxBytes) return { code: 'INVALID_INPUT', message: '单个文件不能超过 5 MB' };
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
  const recent = (usage?.recent ?? []).filter((at) => at > hourAgo);
  if (recent.length >= UPLOAD_LIMITS.perHour) return { code: 'RATE_LIMITED', message: '上传太频繁，请一小时后再试' };
  if ((usage?.bytes ?? 0) + size > UPLOAD_LIMITS.quotaBytes) {
    return { code: 'RATE_LIMITED', message: '您的存储空间已用完（200 MB），请删除不用的内容后再试' };
  }
  return null;
}

/** The usage row after one more upload of `size` bytes at `now`. */
export function usageAfter(usage: UploadUsageDoc | null, ownerOpenid: string, size: number, now: Date): UploadUsageDoc {
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
  const recent = [...(usage?.recent ?? []).filter((at) => at > hourAgo), now.toISOString()];
  return { _id: ownerOpenid, bytes: (usage?.bytes ?? 0) + size, recent: recent.slice(-UPLOAD_LIMITS.perHour) };
}
