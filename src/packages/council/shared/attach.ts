import Taro from '@tarojs/taro';
import { ApiError, sendFile } from '../../../services/client';
import { uploadPath } from '../../../services/upload';

export interface Attached {
  fileId: string;
  name: string;
  kind: 'image' | 'pdf';
  /** Preview while editing. */
  url: string;
}

/** What a person reads when the network drops an attachment. */
const FAILED = '附件上传失败，请检查网络后重试';

const TYPES: Record<string, 'image' | 'pdf'> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
};

/** h5: a file the person picked in the browser goes to the local gateway's file store. */
export async function uploadBrowserFile(file: File): Promise<Attached> {
  const kind = TYPES[file.type];
  if (!kind) throw new ApiError('INVALID_INPUT', '只支持 JPG、PNG、WebP 图片或 PDF 文件');
  if (file.size > 5 * 1024 * 1024) throw new ApiError('INVALID_INPUT', '单个附件不能超过 5 MB');
  const sent = await sendFile({ blob: file, contentType: file.type }, FAILED);
  return { ...sent, name: file.name.slice(0, 80), kind };
}

/** weapp: images from the album or camera, PDFs from a chat, both to cloud storage. */
export async function pickAndUploadInWeapp(kind: 'image' | 'pdf'): Promise<Attached | null> {
  let path: string;
  let name: string;
  try {
    if (kind === 'image') {
      const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
      path = picked.tempFiles[0]?.tempFilePath ?? '';
      name = '图片';
    } else {
      const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
      path = picked.tempFiles[0]?.path ?? '';
      name = picked.tempFiles[0]?.name ?? '附件.pdf';
    }
  } catch {
    return null; // cancelled
  }
  if (!path) return null;
  const extension = kind === 'pdf' ? 'pdf' : (/\.(png|webp|jpe?g)$/i.exec(path)?.[1]?.toLowerCase() ?? 'jpg');
  const sent = await sendFile({ filePath: path, cloudPath: () => uploadPath(extension) }, FAILED);
  return { fileId: sent.fileId, name: name.slice(0, 80), kind, url: path };
}
