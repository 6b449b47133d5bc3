/**
 * An upload whose answer is lost and is retried must not leave two files: the client sends the
 * photo's upload key (made once per photo), and the same owner and key name the same file.
 * Through the real gateway over HTTP and the real local file store.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_COLLECTIONS, type UploadUsageDoc } from '../../cloudfunctions/_core/domain/uploads';
import { type RunningGateway, startGateway } from '../support/gateway';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('uploads with the client’s upload key: a retry after a lost answer is the same file', () => {
  let gw: RunningGateway;
  let dataDir: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-upload-key-'));
    gw = await startGateway({ dataDir });
    for (const who of ['demo-resident', 'demo-volunteer']) tokens[who] = await gw.login(who);
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = async (who: string, key?: string) => {
    const response = await fetch(`${gw.url}/api/files`, {
      method: 'POST',
      headers: {
        'content-type': 'image/png',
        authorization: `Bearer ${tokens[who]}`,
        ...(key ? { 'x-upload-key': key } : {}),
      },
      body: PNG,
    });
    const body = (await response.json()) as { ok: boolean; data: { fileId: string } };
    expect(body.ok).toBe(true);
    return body.data.fileId;
  };
  const files = () => readdirSync(dataDir, { recursive: true }).filter((f) => String(f).endsWith('.png'));
  const usage = (openid: string) => gw.runtime.store.get<UploadUsageDoc>(UPLOAD_COLLECTIONS.usage, openid);

  it('the same key thrice: one file, one record, counted once against the person’s quota', async () => {
    const before = files().length;
    const first = await upload('demo-resident', 'p-photo-0001');
    const usageAfterFirst = await usage('demo-resident');
    // The answer to the first was lost; the phone retries twice with the key it kept.
    expect(await upload('demo-resident', 'p-photo-0001')).toBe(first);
    expect(await upload('demo-resident', 'p-photo-0001')).toBe(first);
    expect(files().length).toBe(before + 1);
    expect(await gw.runtime.store.count(UPLOAD_COLLECTIONS.uploads, { ownerOpenid: 'demo-resident' })).toBe(1);
    expect((await usage('demo-resident'))?.bytes).toBe(usageAfterFirst?.bytes);
    expect((await usage('demo-resident'))?.recent).toHaveLength(usageAfterFirst?.recent.length ?? -1);
  });

  it('another key, or another person with the same key, is another file; no key, a new file each time', async () => {
    const mine = await upload('demo-resident', 'p-photo-0001');
    expect(await upload('demo-resident', 'p-photo-0002')).not.toBe(mine);
    const theirs = await upload('demo-volunteer', 'p-photo-0001');
    expect(theirs).not.toBe(mine);
    expect(await upload('demo-resident')).not.toBe(await upload('demo-resident'));
  });

  it('a key not shaped like one is ignored (a plain upload), never part of a path', async () => {
    const a = await upload('demo-resident', '../../etc');
    const b = await upload('demo-resident', '../../etc');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^local:\/\/[a-f0-9]{24}\.png$/);
  });
});
