import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code as a GIF data URI for <Image>: qrcode-generator encodes it in plain JavaScript, so the
 * same code draws in weapp (Image takes base64 data URIs) and h5, with no canvas and no network.
 * The digits stay beside it as the fallback for whoever cannot scan.
 */
export function Qr({ text, size = 200, label }: { text: string; size?: number; label?: string }) {
  const src = useMemo(() => {
    // Level M survives a scuffed phone screen; type 0 picks the smallest version that fits.
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const modules = qr.getModuleCount() + 8;
    return qr.createDataURL(Math.max(2, Math.floor(size / modules)), 4);
  }, [text, size]);
  return (
    <View className="qr" data-testid="qr" data-text={text} style={{ textAlign: 'center' }}>
      <Image src={src} style={{ width: `${size}px`, height: `${size}px` }} aria-label={label ?? '二维码'} />
    </View>
  );
}
