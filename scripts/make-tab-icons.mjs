// Draws the tab-bar icons (81×81 PNG, as WeChat asks: png/jpg only, ≤ 40 KB) from simple shapes,
// so they are reproducible without an image editor. Run: node scripts/make-tab-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

function png(inside, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x += 1) {
      // 4×4 supersampling for smooth edges.
      let hits = 0;
      for (let sy = 0; sy < 4; sy += 1)
        for (let sx = 0; sx < 4; sx += 1)
          if (inside((x + (sx + 0.5) / 4) / SIZE, (y + (sy + 0.5) / 4) / SIZE)) hits += 1;
      row.set([r, g, b, Math.round((hits / 16) * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) < w / 2;
const box = (x0, y0, x1, y1) => (x, y) => x > x0 && x < x1 && y > y0 && y < y1;
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const roof = (x, y) =>
  y > 0.14 &&
  y < 0.5 &&
  Math.abs(x - 0.5) < (y - 0.14) * 1.15 &&
  !(y > 0.24 && Math.abs(x - 0.5) < (y - 0.24) * 1.15 - 0.02);

const ICONS = {
  home: any(roof, minus(box(0.25, 0.45, 0.75, 0.86), box(0.32, 0.45, 0.68, 0.79)), box(0.44, 0.6, 0.56, 0.86)),
  camera: any(
    minus(box(0.14, 0.3, 0.86, 0.8), box(0.2, 0.36, 0.8, 0.74)),
    box(0.36, 0.2, 0.64, 0.3),
    ring(0.5, 0.55, 0.14, 0.07),
  ),
  me: any(
    ring(0.5, 0.33, 0.15, 0.07),
    (x, y) => y > 0.55 && y < 0.86 && Math.abs(Math.hypot(x - 0.5, (y - 0.86) * 1.2) - 0.3) < 0.04,
  ),
};
const COLORS = { '': [102, 102, 102], '-active': [15, 123, 95] };

for (const [name, shape] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS))
    writeFileSync(`src/assets/tab/${name}${suffix}.png`, png(shape, color));
}
console.log('tab icons written to src/assets/tab/');
