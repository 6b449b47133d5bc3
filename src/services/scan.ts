import Taro from '@tarojs/taro';
import { parseQr, type QrPayload } from './qr';

/** The camera scanner exists in the mini-program only; h5 keeps the typed code. */
export const canScan = (): boolean => process.env.TARO_ENV === 'weapp';

/**
 * Scans one of our QR codes of the given kind with the camera (`wx.scanCode`), answering its
 * payload, or null (with a Chinese toast) when cancelled or when it is some other code.
 */
export async function scanQr<K extends QrPayload['kind']>(kind: K): Promise<Extract<QrPayload, { kind: K }> | null> {
  let text: string;
  try {
    text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
  } catch {
    return null; // cancelled: nothing to say
  }
  const payload = parseQr(text);
  if (payload?.kind !== kind) {
    void Taro.showToast({
      title: kind === 'pickup' ? '不是领取二维码，请重新扫描' : '不是签到二维码，请重新扫描',
      icon: 'none',
    });
    return null;
  }
  return payload as Extract<QrPayload, { kind: K }>;
}
