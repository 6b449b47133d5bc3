import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../local/server';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/** Issue 19: the gateway serves the h5 build as a CDN would, compressed, with caching by name. */
describe('local gateway: static files', () => {
  let t: TestRuntime;
  let dir: string;
  let base: string;
  let close: () => void;
  const js = `console.log(${JSON.stringify('共治'.repeat(2000))});\n`;

  beforeAll(async () => {
    t = await startTestRuntime();
    dir = mkdtempSync(path.join(tmpdir(), 'gongzhi-static-'));
    mkdirSync(path.join(dir, 'js'));
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!DOCTYPE html><html><body>${'<p>共治</p>'.repeat(200)}</body></html>`,
    );
    writeFileSync(path.join(dir, 'js', 'app.3f2a9c1d.js'), js);
    writeFileSync(path.join(dir, 'js', 'tiny.9a8b7c6d.js'), 'var a=1;');
    const server = createGateway({ runtime: t.runtime, staticDir: dir, devLogin: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const get = (pathname: string, acceptEncoding?: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const req = request(`${base}${pathname}`, {
          headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        });
        req.on('error', reject);
        req.end();
      },
    );

  it('compresses text with brotli when the browser takes it, gzip otherwise, and says so', async () => {
    const br = await get('/js/app.3f2a9c1d.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(js);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(js) / 5);
    const gz = await get('/js/app.3f2a9c1d.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(js);
    const plain = await get('/js/app.3f2a9c1d.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(js);
    // Refused encodings (q=0) are not used.
    expect((await get('/js/app.3f2a9c1d.js', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('caches hashed assets for a year as immutable, and makes index.html revalidate', async () => {
    expect((await get('/js/app.3f2a9c1d.js', 'br')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    const html = await get('/', 'br');
    expect(html.headers['cache-control']).toBe('no-cache');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(brotliDecompressSync(html.body).toString('utf8')).toContain('<p>共治</p>');
    // A route of the single-page app falls back to index.html, revalidated too.
    expect((await get('/pages/index/index')).headers['cache-control']).toBe('no-cache');
  });

  it('leaves tiny files uncompressed (the headers would cost more)', async () => {
    const tiny = await get('/js/tiny.9a8b7c6d.js', 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('var a=1;');
  });
});
