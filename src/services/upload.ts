import Taro from '@tarojs/taro';
import { ApiError, call } from './client';
import { session } from './session';

export interface UploadedPhoto {
  /** What the functions accept: `local://…` locally, `cloud://…` on CloudBase. */
  fileId: string;
  /** Something an Image can show right away. */
  url: string;
}

/** Longest side and quality photos are brought down to before upload: a phone photo of 4 MB becomes ~300 KB. */
const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** Re-encodes a large photo in the browser (h5 has no Taro.compressImage); small ones pass as they are. */
async function compressInBrowser(blob: Blob): Promise<Blob> {
  if (blob.size < 300 * 1024 || typeof createImageBitmap !== 'function') return blob;
  try {
    const bitmap = await createImageBitmap(blob);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const smaller = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    return smaller && smaller.size < blob.size ? smaller : blob;
  } catch {
    return blob;
  }
}

let folder: Promise<string> | null = null;

/**
 * Where a weapp upload goes in cloud storage: `uploads/<my user id>/…`. The functions record a
 * direct upload only from the caller's own folder (and only after reading its bytes).
 */
export async function uploadPath(extension: string): Promise<string> {
  folder ??= call('identity', 'me', {}).then((me) => `uploads/${me.userId}`);
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
  try {
    return `${await folder}/${name}.${extension}`;
  } catch (error) {
    folder = null;
    throw error;
  }
}

/**
 * Uploads one photo picked with Taro.chooseMedia: POST /api/files on h5 (the local gateway checks
 * type and size), Taro.cloud.uploadFile in weapp (after Taro.compressImage). The functions then
 * check server-side that each id exists and is an image.
 */
export async function uploadPhoto(tempFilePath: string): Promise<UploadedPhoto> {
  if (process.env.TARO_ENV === 'h5') {
    const token = session.token();
    try {
      const picked = await (await fetch(tempFilePath)).blob();
      const body = await compressInBrowser(picked);
      const response = await fetch('/api/files', {
        method: 'POST',
        headers: { 'content-type': body.type || 'image/jpeg', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      const envelope = (await response.json()) as
        | { ok: true; data: UploadedPhoto }
        | { ok: false; error: { code: 'INVALID_INPUT'; message: string } };
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      return envelope.data;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('NETWORK', '照片上传失败，请检查网络后重试');
    }
  }
  let path = tempFilePath;
  try {
    path = (await Taro.compressImage({ src: tempFilePath, quality: 80 })).tempFilePath;
  } catch {
    // Older base libraries lack compressImage; chooseMedia already asked for the compressed size.
  }
  const extension = /\.(png|webp|jpe?g)$/i.exec(path)?.[1]?.toLowerCase() ?? 'jpg';
  try {
    const result = await Taro.cloud.uploadFile({ cloudPath: await uploadPath(extension), filePath: path });
    return { fileId: result.fileID, url: path };
  } catch {
    throw new ApiError('NETWORK', '照片上传失败，请检查网络后重试');
  }
}

/** Camera or album, images only, compressed where the platform can. */
export async function pickPhotos(max: number): Promise<string[]> {
  if (max <= 0) return [];
  try {
    const result = await Taro.chooseMedia({
      count: max,
      mediaType: ['image'],
      sizeType: ['compressed'],
      // On h5 one source avoids Taro's own action sheet: the browser offers camera or album itself.
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    });
    return result.tempFiles.slice(0, max).map((f) => f.tempFilePath);
  } catch {
    return []; // cancelled
  }
}
