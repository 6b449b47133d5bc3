import {
  sniffUploadType,
  UPLOAD_COLLECTIONS,
  UPLOAD_TYPE_MESSAGE,
  type UploadDoc,
  type UploadType,
  type UploadUsageDoc,
  uploadRefusal,
  usageAfter,
} from '../domain/uploads';
import type { DocStore } from '../store/docstore';
import type { Clock } from './clock';
import type { ActionContext, FileStore } from './define';
import { AppError } from './errors';

/**
 * The file store every handler and the gateway see: the type comes from the bytes, the per-person
 * limits (size, uploads per hour, quota) hold, and each stored file has an `uploads` row saying
 * who uploaded it, so a function can check that a file id it is asked to record is the caller's.
 */
export function withUploadRecords(
  files: FileStore,
  deps: { store: DocStore; clock: Clock },
): FileStore & {
  /**
   * A person's upload (the gateway's POST /api/files): `save` plus the per-person limits. With the
   * client's `key`, a retry of an upload whose answer was lost gets the same file id back, counted once.
   */
  upload(input: { bytes: Uint8Array; ownerId: string; key?: string }): Promise<string>;
} {
  const { store, clock } = deps;
  const record = async (
    input: { bytes: Uint8Array; ownerId: string; key?: string },
    limited: boolean,
  ): Promise<string> => {
    const { bytes, ownerId, key } = input;
    const contentType = sniffUploadType(bytes);
    if (!contentType) throw new AppError('INVALID_INPUT', UPLOAD_TYPE_MESSAGE);
    if (limited) {
      const usage = await store.get<UploadUsageDoc>(UPLOAD_COLLECTIONS.usage, ownerId);
      const early = uploadRefusal(usage, bytes.length, clock.now());
      if (early) throw new AppError(early.code, early.message);
    }
    const fileId = await files.save({ bytes, contentType, ownerId, ...(key ? { key } : {}) });
    // Saved before under this key (the first answer was lost): the same file, already counted.
    let recordedBefore = false;
    try {
      await store.runTransaction(async (tx) => {
        const earlier = key ? await tx.get<UploadDoc>(UPLOAD_COLLECTIONS.uploads, fileId) : null;
        recordedBefore = earlier !== null;
        if (earlier) {
          if (earlier.ownerOpenid !== ownerId) throw new AppError('FORBIDDEN', '只能使用您自己上传的文件');
          return;
        }
        // Re-read inside: parallel uploads of one person are counted one after another.
        const now = clock.now();
        const usage = await tx.get<UploadUsageDoc>(UPLOAD_COLLECTIONS.usage, ownerId);
        const refusal = limited ? uploadRefusal(usage, bytes.length, now) : null;
        if (refusal) throw new AppError(refusal.code, refusal.message);
        const next = usageAfter(usage, ownerId, bytes.length, now);
        if (usage) {
          await tx.updateById(UPLOAD_COLLECTIONS.usage, ownerId, { $set: { bytes: next.bytes, recent: next.recent } });
        } else await tx.insert(UPLOAD_COLLECTIONS.usage, next);
        await tx.insert<UploadDoc>(UPLOAD_COLLECTIONS.uploads, {
          _id: fileId,
          ownerOpenid: ownerId,
          contentType,
          size: bytes.length,
          createdAt: now.toISOString(),
        });
      });
    } catch (error) {
      // A file recorded earlier stays: it may be attached to something already.
      if (!recordedBefore) await files.remove(fileId);
      throw error;
    }
    return fileId;
  };
  return {
    ...files,
    // Server-side saves (seeds, fixtures) are recorded and typed by their bytes but not rate-limited.
    save: (input) => record(input, false),
    upload: (input) => record(input, true),
    async remove(fileId) {
      const removed = await files.remove(fileId);
      await store.runTransaction(async (tx) => {
        const upload = await tx.get<UploadDoc>(UPLOAD_COLLECTIONS.uploads, fileId);
        if (!upload) return;
        await tx.removeById(UPLOAD_COLLECTIONS.uploads, fileId);
        const usage = await tx.get<UploadUsageDoc>(UPLOAD_COLLECTIONS.usage, upload.ownerOpenid);
        if (usage) {
          await tx.updateById(UPLOAD_COLLECTIONS.usage, usage._id, {
            $set: { bytes: Math.max(0, usage.bytes - upload.size) },
          });
        }
      });
      return removed;
    },
  };
}

/** A direct upload from the mini-program: `cloud://<env>.<bucket>/uploads/<userId>/<name>`. */
const DIRECT_UPLOAD =
  /^cloud:\/\/[^/\s]{1,120}\/uploads\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_-]{1,64}\.(jpg|jpeg|png|webp|pdf)$/;

/**
 * Records a file the mini-program put in CloudBase storage itself (wx.cloud.uploadFile, so no
 * function saw the bytes): only from the caller's own folder, only after reading what the bytes
 * are, and counted against the caller's limits like any upload.
 */
async function claimDirectUpload(ctx: ActionContext, fileId: string, noun: string): Promise<UploadDoc | null> {
  const folder = DIRECT_UPLOAD.exec(fileId)?.[1];
  const openid = ctx.caller.openid;
  if (!folder || !openid) return null;
  if (folder !== ctx.caller.userId) throw new AppError('FORBIDDEN', `只能使用您自己上传的${noun}`);
  const found = await ctx.files.inspect(fileId);
  if (!found) return null;
  if (!found.contentType) {
    await ctx.files.remove(fileId);
    throw new AppError('INVALID_INPUT', UPLOAD_TYPE_MESSAGE);
  }
  const contentType = found.contentType;
  return ctx.store.runTransaction(async (tx) => {
    const existing = await tx.get<UploadDoc>(UPLOAD_COLLECTIONS.uploads, fileId);
    if (existing) return existing;
    const now = ctx.clock.now();
    const usage = await tx.get<UploadUsageDoc>(UPLOAD_COLLECTIONS.usage, openid);
    const refusal = uploadRefusal(usage, found.size, now);
    if (refusal) throw new AppError(refusal.code, refusal.message);
    const next = usageAfter(usage, openid, found.size, now);
    if (usage)
      await tx.updateById(UPLOAD_COLLECTIONS.usage, openid, { $set: { bytes: next.bytes, recent: next.recent } });
    else await tx.insert(UPLOAD_COLLECTIONS.usage, next);
    const doc: UploadDoc = {
      _id: fileId,
      ownerOpenid: openid,
      contentType,
      size: found.size,
      createdAt: now.toISOString(),
    };
    await tx.insert<UploadDoc>(UPLOAD_COLLECTIONS.uploads, doc);
    return doc;
  });
}

/**
 * The one check before a handler records file ids (report photos, goods pictures, disclosure
 * attachments): each is an upload of the caller's own, and its bytes are one of `allowed`.
 */
export async function assertOwnUploads(
  ctx: ActionContext,
  fileIds: readonly string[],
  allowed: readonly UploadType[],
  noun: string,
): Promise<void> {
  for (const fileId of fileIds) {
    const upload =
      (await ctx.store.get<UploadDoc>(UPLOAD_COLLECTIONS.uploads, fileId)) ??
      (await claimDirectUpload(ctx, fileId, noun));
    if (!upload || !(await ctx.files.exists(fileId))) throw new AppError('INVALID_INPUT', `${noun}不存在，请重新上传`);
    if (upload.ownerOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', `只能使用您自己上传的${noun}`);
    if (!allowed.includes(upload.contentType)) {
      throw new AppError(
        'INVALID_INPUT',
        allowed.includes('application/pdf') ? UPLOAD_TYPE_MESSAGE : `${noun}只能是 JPG、PNG 或 WebP 图片`,
      );
    }
  }
}
