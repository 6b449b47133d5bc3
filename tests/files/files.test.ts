/**
 * Runs the one FileStore contract against the local folder store and against CloudBase storage
 * through the real @cloudbase/node-sdk talking to the loopback server, plus what only CloudBase has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCloudbaseFiles } from '../../cloudfunctions/_core/runtime/cloudbase';
import { CONTENT_TYPES, createLocalFiles } from '../../local/files';
import { startTcbLoopback } from '../support/tcb-loopback';
import { describeFileStoreContract, PHOTO, PNG } from './contract';

const tempRoot = mkdtempSync(path.join(tmpdir(), 'files-'));
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));
let folders = 0;

describeFileStoreContract('local folder', async () => {
  folders += 1;
  const files = createLocalFiles(path.join(tempRoot, `store-${folders}`));
  return {
    files,
    // What the gateway's GET /files/<name> does (local/server.ts serveFile).
    async fetchUrl(url) {
      const parsed = new URL(url, 'http://localhost');
      const name = parsed.pathname.replace(/^\/files\//, '');
      if (!files.verify(name, parsed.searchParams.get('e'), parsed.searchParams.get('s'))) {
        return { status: 403, bytes: Buffer.alloc(0), contentType: null };
      }
      const bytes = await files.read(`local://${name}`);
      if (!bytes) return { status: 404, bytes: Buffer.alloc(0), contentType: null };
      return { status: 200, bytes, contentType: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? null };
    },
    close: async () => undefined,
  };
});

const fetchUrl = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type'),
  };
};

describeFileStoreContract('cloudbase SDK → loopback storage', async () => {
  const loopback = await startTcbLoopback();
  return { files: createCloudbaseFiles(loopback.app), fetchUrl, close: () => loopback.close() };
});

describe('CloudBase storage on the wire', () => {
  it('uploads through getUploadMetadata and the COS PUT, under the owner, and deletes through batchDeleteFile', async () => {
    const loopback = await startTcbLoopback();
    try {
      const files = createCloudbaseFiles(loopback.app);
      const id = await files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'oABC-123_x' });
      expect(id).toMatch(/^cloud:\/\/loopback-env\.[^/]+\/uploads\/oABC-123_x\/[a-f0-9]{24}\.jpg$/);
      // An owner id can never shape the path beyond its own folder.
      const odd = await files.save({ bytes: PNG, contentType: 'image/png', ownerId: '../admin' });
      expect(odd).toMatch(/\/uploads\/___admin\/[a-f0-9]{24}\.png$/);
      expect(loopback.storedPaths()).toHaveLength(2);
      const url = (await files.urls([id]))[id] as string;
      expect((await fetch(url)).status).toBe(200);
      // A URL without the signature the server issued serves nothing.
      expect((await fetch(url.replace(/sign=[^&]+/, 'sign=forged'))).status).toBe(403);
      expect(await files.remove(id)).toBe(true);
      expect(loopback.storedPaths()).toHaveLength(1);
      expect(loopback.actionCounts()).toMatchObject({
        'storage.getUploadMetadata': 2,
        'cos.put': 2,
        'storage.batchGetDownloadUrl': 1,
        'cos.get': 2,
        'storage.batchDeleteFile': 1,
      });
    } finally {
      await loopback.close();
    }
  });

  it('asks for temporary URLs 50 at a time (the API limit) and leaves missing files out', async () => {
    const loopback = await startTcbLoopback();
    try {
      const files = createCloudbaseFiles(loopback.app);
      const ids: string[] = [];
      for (let i = 0; i < 52; i += 1)
        ids.push(await files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' }));
      await files.remove(ids[0] as string);
      const urls = await files.urls([...ids, 'local://aaaaaaaaaaaaaaaaaaaaaaaa.jpg']);
      expect(Object.keys(urls).sort()).toEqual(ids.slice(1).sort());
      expect(loopback.actionCounts()['storage.batchGetDownloadUrl']).toBe(2);
    } finally {
      await loopback.close();
    }
  });
});

describe('local signed file URLs', () => {
  it('open only the file they were issued for, only until they expire, and only with this runtime’s secret', async () => {
    let now = Date.parse('2026-12-01T09:10:00Z');
    const folder = path.join(tempRoot, 'signed');
    const files = createLocalFiles(folder, { secret: 's1', now: () => now });
    const id = await files.save({ bytes: PHOTO, contentType: 'image/jpeg', ownerId: 'demo-resident' });
    const url = new URL((await files.urls([id]))[id] as string, 'http://localhost');
    const name = url.pathname.replace('/files/', '');
    const [e, s] = [url.searchParams.get('e'), url.searchParams.get('s')];
    expect(files.verify(name, e, s)).toBe(true);
    // Stable within the hour, so a list re-fetched a minute later keeps its cached images.
    now += 60_000;
    expect((await files.urls([id]))[id]).toBe(`${url.pathname}${url.search}`);
    expect(files.verify(name, e, null)).toBe(false);
    expect(files.verify(name, String(Number(e) + 3600), s)).toBe(false);
    expect(createLocalFiles(folder, { secret: 's2', now: () => now }).verify(name, e, s)).toBe(false);
    // Between one and two hours later it has expired.
    now = Number(e) * 1000;
    expect(files.verify(name, e, s)).toBe(false);
  });
});
