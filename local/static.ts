/**
 * Static files of the h5 build as a CDN would serve them (issue 19): text compressed (brotli when
 * the browser takes it, else gzip), hashed assets cached for a year as immutable, index.html and
 * unhashed files revalidated on every load so a new build is picked up at once.
 */
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Worth compressing: text. Images and fonts are compressed formats already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);
/** Below this, the headers cost more than compression saves. */
const MIN_COMPRESS_BYTES = 1024;

/** Webpack's content hash in the name (`app.3f2a9c1d.js`): the bytes behind the name never change. */
export const isHashedAsset = (file: string): boolean => /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i.test(path.basename(file));

export function cacheControlFor(file: string): string {
  return isHashedAsset(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

type Encoding = 'br' | 'gzip' | 'identity';

/** Compressed once per file version and kept: a build's assets are few and small. */
const compressed = new Map<string, Buffer>();

export function pickEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const accepted = String(acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
    .map(([name]) => name?.trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

function body(file: string, encoding: Encoding): Buffer {
  const stat = statSync(file);
  const key = `${file}|${stat.mtimeMs}|${stat.size}|${encoding}`;
  const known = compressed.get(key);
  if (known) return known;
  const raw = readFileSync(file);
  if (encoding === 'identity') return raw;
  const out =
    encoding === 'br'
      ? brotliCompressSync(raw, {
          params: {
            // Quality 9: within a few percent of 11's size at a fraction of its time.
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
      : gzipSync(raw, { level: 9 });
  compressed.set(key, out);
  return out;
}

export function sendStatic(req: IncomingMessage, res: ServerResponse, file: string): void {
  const extension = path.extname(file);
  const type = STATIC_TYPES[extension] ?? 'application/octet-stream';
  const size = statSync(file).size;
  const encoding =
    COMPRESSIBLE.has(extension) && size >= MIN_COMPRESS_BYTES
      ? pickEncoding(req.headers['accept-encoding'])
      : 'identity';
  const bytes = body(file, encoding);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': cacheControlFor(file),
    'content-length': bytes.length,
    // Caches keep one copy per encoding.
    ...(COMPRESSIBLE.has(extension) ? { vary: 'accept-encoding' } : {}),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
