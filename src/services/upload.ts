import Taro from '@tarojs/taro';
import { ApiError, call, isNetworkError, sendFile } from './client';

export interface UploadedPhoto {
  /** What the functions accept: `local://…` locally, `cloud://…` on CloudBase; '' while pending. */
  fileId: string;
  /** Something an Image can show right away (for a pending photo: the copy kept on the phone). */
  url: string;
  /**
   * Taken without a network: kept on the phone (a data URL in h5, a saved file in weapp) and
   * uploaded with the report when the network returns.
   */
  pending?: true;
  /**
   * The upload key made when the photo was picked: every attempt to upload it uses it, so an upload
   * whose answer was lost, retried later, names the same file instead of leaving an orphan.
   */
  key?: string;
}

/** One per picked photo: time plus randomness, the shape the gateway accepts ([A-Za-z0-9_-], 8–64). */
export function newUploadKey(): string {
  return `p${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Longest side and quality photos are brought down to before upload: a phone photo of 4 MB becomes ~300 KB. */
const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** Re-encodes a large photo in the browser (h5 has no Taro.compressImage); small ones pass as they are. */
async function compressInBrowser(blob: Blob, above = 300 * 1024): Promise<Blob> {
  if (blob.size < above || typeof createImageBitmap !== 'function') return blob;
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

/** Kept in storage, not module memory: a new session (storage cleared) must not reuse another person's folder. */
const FOLDER_KEY = 'gongzhi.uploadFolder';

/**
 * Where a weapp upload goes in cloud storage: `uploads/<my user id>/…`. The functions record a
 * direct upload only from the caller's own folder (and only after reading its bytes).
 */
export async function uploadPath(extension: string, key?: string): Promise<string> {
  // With the photo's key, a retried upload overwrites its own object instead of adding a second.
  const name = key ?? `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
  let folder: unknown = Taro.getStorageSync(FOLDER_KEY);
  if (typeof folder !== 'string' || folder === '') {
    folder = `uploads/${(await call('identity', 'me', {})).userId}`;
    Taro.setStorageSync(FOLDER_KEY, folder);
  }
  return `${folder}/${name}.${extension}`;
}

/**
 * Uploads one photo picked with Taro.chooseMedia: POST /api/files on h5 (the local gateway checks
 * type and size), Taro.cloud.uploadFile in weapp (after Taro.compressImage). The functions then
 * check server-side that each id exists and is an image.
 */
export async function uploadPhoto(tempFilePath: string, key = newUploadKey()): Promise<UploadedPhoto> {
  if (process.env.TARO_ENV === 'h5') {
    let body: Blob;
    try {
      body = await compressInBrowser(await (await fetch(tempFilePath)).blob());
    } catch {
      throw new ApiError('INVALID_INPUT', '无法读取这张照片，请换一张');
    }
    return postBlob(body, key);
  }
  let path = tempFilePath;
  try {
    path = (await Taro.compressImage({ src: tempFilePath, quality: 80 })).tempFilePath;
  } catch {
    // Older base libraries lack compressImage; chooseMedia already asked for the compressed size.
  }
  return cloudUpload(path, key);
}

/** A blob as a `data:` URL (h5: a photo kept in storage, or bytes sent inside a call). */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Base64 characters of one part sent to tips.photo.part: 65,535 bytes (a multiple of 3, so every
 * part but the last is whole base64), under the function's 64 KiB a part and CloudBase's 100 KB a call. */
const PART_CHARS = (65_535 / 3) * 4;
/** Tries of one part before the person is asked to continue by hand. */
const PART_TRIES = 3;
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** Where an anonymous photo's upload stands, for the progress line (`sent` of `parts` parts). */
export interface PartProgress {
  sent: number;
  parts: number;
}

/**
 * A photo for an anonymous tip: its bytes go to the tips function with the tip's photo ticket, in
 * numbered parts (a call's body is capped at 100 KB; cloudfunctions/_core/domain/tips-photos.ts),
 * and the function stores the photo without an uploader (an ordinary upload records who sent it).
 * A part that fails on the network is tried again; if it still fails, `run` throws and a later
 * `run` continues from the part the server last acknowledged, never from the start.
 */
export function anonymousTipPhoto(tempFilePath: string, ticket: string, key = newUploadKey()) {
  let data: string | null = null;
  let next = 0;
  let parts = 0;
  const read = async (): Promise<string> => {
    try {
      if (process.env.TARO_ENV === 'h5') {
        const blob = await compressInBrowser(await (await fetch(tempFilePath)).blob(), 0);
        const url = await dataUrlOf(blob);
        return url.slice(url.indexOf(',') + 1);
      }
      let path = tempFilePath;
      try {
        path = (await Taro.compressImage({ src: tempFilePath, quality: QUALITY * 100 })).tempFilePath;
      } catch {
        // Older base libraries lack compressImage.
      }
      return Taro.getFileSystemManager().readFileSync(path, 'base64') as string;
    } catch {
      throw new ApiError('INVALID_INPUT', '无法读取这张照片，请换一张');
    }
  };
  const sendPart = async (part: number, text: string) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call('tips', 'photo.part', { ticket, photo: key, part, parts, data: text });
      } catch (error) {
        if (!isNetworkError(error)) throw error;
        if (attempt >= PART_TRIES) {
          throw new ApiError('NETWORK', `照片第 ${part + 1}/${parts} 段上传失败，请检查网络后点“继续上传”`);
        }
      }
    }
  };
  return {
    key,
    /** Parts sent so far, and how many there are (0 before the photo is read). */
    progress: (): PartProgress => ({ sent: next, parts }),
    async run(onProgress?: (progress: PartProgress) => void): Promise<UploadedPhoto> {
      if (data === null) {
        const text = await read();
        if ((text.length * 3) / 4 > PHOTO_MAX_BYTES) throw new ApiError('INVALID_INPUT', '单张照片不能超过 5 MB');
        data = text;
        parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
      }
      while (next < parts) {
        onProgress?.({ sent: next, parts });
        const answer = await sendPart(next, data.slice(next * PART_CHARS, (next + 1) * PART_CHARS));
        if (answer.done) {
          next = parts;
          onProgress?.({ sent: parts, parts });
          return { fileId: answer.fileId, url: answer.url || tempFilePath, key };
        }
        // The server says which part it wants next (a retried part it had already is not re-sent).
        next = answer.received;
      }
      throw new ApiError('INTERNAL', '照片上传未完成，请重新选择照片');
    },
  };
}

export type AnonymousTipPhoto = ReturnType<typeof anonymousTipPhoto>;

const UPLOAD_FAILED = '照片上传失败，请检查网络后重试';

/** h5: the bytes to the gateway's file store under the photo's key (the gateway checks type and size). */
async function postBlob(blob: Blob, key: string): Promise<UploadedPhoto> {
  return { ...(await sendFile({ blob, key }, UPLOAD_FAILED)), key };
}

/** weapp: the file to cloud storage at a path named by the photo's key. */
async function cloudUpload(filePath: string, key: string): Promise<UploadedPhoto> {
  const extension = /\.(png|webp|jpe?g)$/i.exec(filePath)?.[1]?.toLowerCase() ?? 'jpg';
  return { ...(await sendFile({ filePath, cloudPath: () => uploadPath(extension, key) }, UPLOAD_FAILED)), key };
}

/**
 * No network: the photo is kept on the phone instead, so a report can be written (and queued)
 * offline. h5 keeps it as a data URL (compressed first: it lives in local storage with the draft);
 * weapp saves the temp file, which WeChat would otherwise delete.
 */
export async function keepOnPhone(tempFilePath: string, key = newUploadKey()): Promise<UploadedPhoto> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = await compressInBrowser(await (await fetch(tempFilePath)).blob(), 0);
    const url = await dataUrlOf(blob);
    return { fileId: '', url, pending: true, key };
  }
  const saved = await Taro.saveFile({ tempFilePath });
  return { fileId: '', url: (saved as { savedFilePath: string }).savedFilePath, pending: true, key };
}

/** Uploads the photos still kept on the phone; the others pass as they are. Throws NETWORK offline. */
export async function uploadPending(photos: UploadedPhoto[]): Promise<UploadedPhoto[]> {
  const done: UploadedPhoto[] = [];
  for (const photo of photos) {
    if (!photo.pending) {
      done.push(photo);
      continue;
    }
    if (process.env.TARO_ENV === 'h5') {
      let blob: Blob;
      try {
        blob = await (await fetch(photo.url)).blob();
      } catch {
        throw new ApiError('INVALID_INPUT', '手机上保存的照片已损坏，请重新拍一张');
      }
      done.push(await postBlob(blob, photo.key ?? newUploadKey()));
    } else {
      done.push(await cloudUpload(photo.url, photo.key ?? newUploadKey()));
    }
  }
  return done;
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
