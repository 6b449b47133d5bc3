/**
 * The FileStore contract, written once and run against the local folder store and CloudBase
 * storage (see files.test.ts). Each test gets a fresh store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStore } from '../../cloudfunctions/_core/runtime/define';

export interface FileStoreUnderTest {
  files: FileStore;
  /** Fetches a URL the store handed out, as the client showing it would. */
  fetchUrl(url: string): Promise<{ status: number; bytes: Buffer; contentType: string | null }>;
  close(): Promise<void>;
}

/** A tiny but real JPEG (SOI, APP0/JFIF header, EOI) and a PDF header: content, not just labels. */
export const PHOTO = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]);
/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n% 党务公开\n%%EOF\n', 'utf8');

export function describeFileStoreContract(name: string, open: () => Promise<FileStoreUnderTest>): void {
  describe(`FileStore contract: ${name}`, () => {
    let t: FileStoreUnderTest;
    beforeEach(async () => {
      t = await open();
    });
    afterEach(async () => {
      await t.close();
    });

    it('a saved photo exists and its URL serves the same bytes, as a JPEG', async () => {
      const id = await t.files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' });
      expect(await t.files.exists(id)).toBe(true);
      const urls = await t.files.urls([id]);
      expect(Object.keys(urls)).toEqual([id]);
      const fetched = await t.fetchUrl(urls[id] as string);
      expect(fetched.status).toBe(200);
      expect(fetched.bytes.equals(PHOTO)).toBe(true);
      expect(fetched.contentType).toBe('image/jpeg');
    });

    it('an attachment keeps its kind: a PDF is served as a PDF', async () => {
      const id = await t.files.save({ bytes: PDF, contentType: 'application/pdf', ownerId: 'demo-staff' });
      const fetched = await t.fetchUrl((await t.files.urls([id]))[id] as string);
      expect(fetched.contentType).toBe('application/pdf');
      expect(fetched.bytes.toString('utf8')).toBe(PDF.toString('utf8'));
    });

    it('refuses content it does not store, whatever type it is declared as', async () => {
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      for (const [bytes, contentType] of [
        [html, 'text/html'],
        [html, 'image/png'],
        [svg, 'image/png'],
        [svg, 'image/svg+xml'],
        // Real JPEG bytes declared as something else are not stored under the wrong type either.
        [PHOTO, 'image/png'],
      ] as const) {
        await expect(t.files.save({ bytes, contentType, ownerId: 'demo-resident' }), contentType).rejects.toThrow(
          '只支持 JPG、PNG、WebP 图片或 PDF 文件',
        );
      }
    });

    it('inspect tells what stored bytes are and how many; nothing for ids it never issued', async () => {
      const id = await t.files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' });
      expect(await t.files.inspect(id)).toEqual({ contentType: 'image/jpeg', size: PHOTO.length });
      expect(await t.files.inspect('local://../a.jpg')).toBeNull();
    });

    it('every save gets its own id, even for the same bytes', async () => {
      const a = await t.files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' });
      const b = await t.files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' });
      expect(a).not.toBe(b);
      const urls = await t.files.urls([a, b]);
      expect(Object.keys(urls).sort()).toEqual([a, b].sort());
      expect(await t.files.urls([])).toEqual({});
    });

    it('ids it never issued do not exist and cannot be removed', async () => {
      for (const id of ['', 'x', '../../etc/passwd', 'https://example.invalid/a.jpg', 'local://../a.jpg']) {
        expect(await t.files.exists(id), id).toBe(false);
        expect(await t.files.remove(id), id).toBe(false);
      }
    });

    it('a removed file no longer exists, its URL stops serving, and removing again answers false', async () => {
      const kept = await t.files.save({ bytes: PNG, contentType: 'image/png', ownerId: 'demo-resident' });
      const id = await t.files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' });
      const url = (await t.files.urls([id]))[id] as string;
      expect(await t.files.remove(id)).toBe(true);
      expect(await t.files.exists(id)).toBe(false);
      expect((await t.fetchUrl(url)).status).not.toBe(200);
      expect(await t.files.remove(id)).toBe(false);
      // Only that file went.
      expect(await t.files.exists(kept)).toBe(true);
    });
  });
}
