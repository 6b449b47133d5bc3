import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * The QR as a GIF data URI whose pixels are exactly the box it is shown in: whole-pixel modules
 * and a quiet zone of at least 4 modules (what scanners expect), the margin taking up the rest of
 * `size` so the code is as large as asked without being scaled (a scaled GIF blurs its edges).
 */
export function qrImage(text: string, size: number): { src: string; px: number } {
  // Level M survives a scuffed phone screen; type 0 picks the smallest version that fits.
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const cell = Math.max(2, Math.floor(size / (count + 8)));
  const margin = Math.max(4 * cell, Math.floor((size - count * cell) / 2));
  return { src: qr.createDataURL(cell, margin), px: count * cell + 2 * margin };
}

/**
 * A QR code in <Image>: qrcode-generator encodes it in plain JavaScript, so the same code draws in
 * weapp (Image takes base64 data URIs) and h5, with no canvas and no network. The digits stay
 * beside it as the fallback for whoever cannot scan.
 *
 * Why scaleToFill in a flex row: h5's aspectFit places the <img> absolutely with `top` and no
 * `left`, so under a centred text line its left edge sat on the centre line (66.5 px right of
 * centre on 我的兑换) and it kept its natural size inside the box. scaleToFill is the one mode
 * whose <img> simply fills its box in every Image Taro has (the Stencil one and the React DOM one),
 * and the box is already the image's own size, so nothing is stretched; the flex row centres it.
 */
export function Qr({ text, size = 200, label }: { text: string; size?: number; label?: string }) {
  const { src, px } = useMemo(() => qrImage(text, size), [text, size]);
  return (
    <View className="qr" data-testid="qr" data-text={text} style={{ display: 'flex', justifyContent: 'center' }}>
      <Image
        src={src}
        mode="scaleToFill"
        lazyLoad
        // pixelated keeps the modules' edges sharp when a 2× screen doubles them.
        style={{ width: `${px}px`, height: `${px}px`, imageRendering: 'pixelated' }}
        aria-label={label ?? '二维码'}
      />
    </View>
  );
}
