/**
 * Finding 4: uploads trusted the declared type (HTML and SVG stored as .png), were served to anyone
 * at /files/<id> without nosniff, and had no rate limit or quota. Through the real gateway over
 * HTTP, then the function-side checks, then CloudBase's direct uploads through the real SDK.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_TYPES, UPLOAD_COLLECTIONS, UPLOAD_LIMITS } from '../../cloudfunctions/_core/domain/uploads';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { createCloudbaseFiles } from '../../cloudfunctions/_core/runtime/cloudbase';
import type { ActionContext } from '../../cloudfunctions/_core/runtime/define';
import { assertOwnUploads, withUploadRecords } from '../../cloudfunctions/_core/runtime/uploads';
import { createEmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';
import { codeOf, photo, reportInput } from '../functions/reports.support';
import { type RunningGateway, startGateway } from '../support/gateway';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { startTcbLoopback } from '../support/tcb-loopback';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const PDF = Buffer.from('%PDF-1.4\n% 党务公开\n%%EOF\n', 'utf8');
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/functions/identity")</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect/></svg>');

describe('uploads over HTTP: type by the bytes, served only through signed URLs (finding 4)', () => {
  let gw: RunningGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startGateway();
    token = await gw.login('demo-resident');
  });
  afterAll(async () => {
    await gw.close();
  });

  const upload = async (bytes: Buffer, contentType: string, as = token) => {
    const response = await fetch(`${gw.url}/api/files`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${as}` },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const uploadsOf = (openid: string) => gw.runtime.store.count(UPLOAD_COLLECTIONS.uploads, { ownerOpenid: openid });

  it('HTML and SVG declared as image/png are refused with a Chinese message, and nothing is stored', async () => {
    const before = await uploadsOf('demo-resident');
    for (const [bytes, type] of [
      [HTML, 'image/png'],
      [SVG, 'image/png'],
      [SVG, 'image/svg+xml'],
      [HTML, 'image/jpeg'],
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/png'],
    ] as const) {
      const { status, body } = await upload(bytes, type);
      expect(status, `${type} ${bytes.subarray(0, 12)}`).toBe(400);
      expect(body).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: '只支持 JPG、PNG、WebP 图片或 PDF 文件' },
      });
    }
    expect(await uploadsOf('demo-resident')).toBe(before);
  });

  it('the stored type comes from the bytes: a PNG declared as JPEG is stored and served as PNG', async () => {
    const { body } = await upload(PNG, 'image/jpeg');
    expect(body.ok).toBe(true);
    expect(body.data.fileId).toMatch(/^local:\/\/[a-f0-9]{24}\.png$/);
    const served = await fetch(`${gw.url}${body.data.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBe('inline');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('a PDF is served as an attachment download, never rendered as a page of this origin', async () => {
    const { body } = await upload(PDF, 'application/pdf');
    const served = await fetch(`${gw.url}${body.data.url}`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-f0-9]{24}\.pdf"$/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('no anonymous /files/<id>: without the signature, with a forged one, or after expiry it is 403', async () => {
    const { body } = await upload(JPEG, 'image/jpeg');
    const url = new URL(body.data.url, gw.url);
    const bare = `${gw.url}${url.pathname}`;
    expect((await fetch(bare)).status).toBe(403);
    const forged = new URL(url);
    forged.searchParams.set('s', 'A'.repeat(43));
    expect((await fetch(forged)).status).toBe(403);
    const stretched = new URL(url);
    stretched.searchParams.set('e', String(Number(url.searchParams.get('e')) + 86_400));
    expect((await fetch(stretched)).status).toBe(403);
    // Another file's signature does not open this one.
    const other = await upload(JPEG, 'image/jpeg');
    const swapped = new URL(other.body.data.url, gw.url);
    swapped.pathname = url.pathname;
    expect((await fetch(swapped)).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);
    const refused = await fetch(bare);
    expect(((await refused.json()) as any).error.message).toMatch(/\p{Script=Han}/u);
  });

  it('uploads are rate-limited per person per hour, and another person is not affected', async () => {
    const openid = 'upload-burst';
    const burst = await gw.login(openid);
    const results: number[] = [];
    for (let i = 0; i < UPLOAD_LIMITS.perHour + 3; i += 1)
      results.push((await upload(JPEG, 'image/jpeg', burst)).status);
    expect(results.filter((s) => s === 200)).toHaveLength(UPLOAD_LIMITS.perHour);
    const limited = await upload(JPEG, 'image/jpeg', burst);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: 'RATE_LIMITED', message: '上传太频繁，请一小时后再试' });
    expect(await uploadsOf(openid)).toBe(UPLOAD_LIMITS.perHour);
    expect((await upload(JPEG, 'image/jpeg')).status).toBe(200);
  });

  it('a person over the storage quota is refused and the refused bytes are not kept', async () => {
    const openid = 'upload-quota';
    const full = await gw.login(openid);
    expect((await upload(JPEG, 'image/jpeg', full)).status).toBe(200);
    // Bring the counter to the edge instead of sending 200 MB through the test.
    await gw.runtime.store.runTransaction(async (tx) => {
      await tx.updateById(UPLOAD_COLLECTIONS.usage, openid, { $set: { bytes: UPLOAD_LIMITS.quotaBytes - 10 } });
    });
    const filesBefore = readdirSync(folderOf(gw)).length;
    const over = await upload(JPEG, 'image/jpeg', full);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toContain('存储空间已用完');
    expect(readdirSync(folderOf(gw)).length).toBe(filesBefore);
    expect(await uploadsOf(openid)).toBe(1);
  });

  it('a file over 5 MB is refused before it is stored', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(UPLOAD_LIMITS.maxBytes)]);
    const { status, body } = await upload(big, 'image/jpeg');
    expect(status).toBe(413);
    expect(body.ok).toBe(false);
  });
});

/** The folder the in-memory runtime keeps files in (local/runtime.ts). */
function folderOf(_gw: RunningGateway): string {
  return path.join(tmpdir(), `gongzhi-files-${process.pid}`);
}

describe('functions record only the caller’s own uploads of an allowed type (finding 4)', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(() => t.close());

  it('a report cannot carry another person’s photo, a PDF, or an id never uploaded', async () => {
    const base = await reportInput(t);
    const someoneElses = await photo(t, 'demo-volunteer');
    const pdf = await t.runtime.files.save({ bytes: PDF, contentType: 'application/pdf', ownerId: 'demo-resident' });
    const resident = t.as('demo-resident');
    const before = await t.runtime.store.count('reports', {});
    for (const [photos, code, message] of [
      [[someoneElses], 'FORBIDDEN', '只能使用您自己上传的照片'],
      [[pdf], 'INVALID_INPUT', '照片只能是 JPG、PNG 或 WebP 图片'],
      [['local://aaaaaaaaaaaaaaaaaaaaaaaa.jpg'], 'INVALID_INPUT', '照片不存在，请重新上传'],
    ] as const) {
      const result = await resident.call('reports', 'submit', { ...base, photos: [...photos] });
      expect(result).toEqual({ ok: false, error: { code, message } });
    }
    expect(await t.runtime.store.count('reports', {})).toBe(before);
    expect(codeOf(await resident.call('reports', 'submit', base))).toBe('OK');
  });

  it('goods pictures and disclosure attachments are checked the same way', async () => {
    const staff = t.as('demo-staff');
    const residentsPhoto = await photo(t, 'demo-resident');
    const goods = await staff.call('greencoin', 'goods.save', {
      name: '环保袋',
      description: '可重复使用的购物袋',
      price: 10,
      pictures: [residentsPhoto],
    } as never);
    expect(goods).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只能使用您自己上传的图片' } });
    const residentsPdf = await t.runtime.files.save({
      bytes: PDF,
      contentType: 'application/pdf',
      ownerId: 'demo-resident',
    });
    const disclosure = await staff.call('deliberation', 'disclosure.publish', {
      category: 'finance',
      title: '第四季度财务公开',
      body: '明细见附件。',
      attachments: [{ fileId: residentsPdf, name: '明细.pdf', kind: 'pdf' }],
    } as never);
    expect(disclosure.ok).toBe(false);
    expect(!disclosure.ok && disclosure.error.message).toBe('只能使用您自己上传的附件「明细.pdf」');
  });
});

describe('CloudBase: a direct mini-program upload (wx.cloud.uploadFile) through the real SDK (finding 4)', () => {
  it('is recorded only for the owner of its folder, only when its bytes are an allowed type', async () => {
    const loopback = await startTcbLoopback();
    const store = createEmbeddedStore({ file: ':memory:', indexes: INDEXES });
    try {
      const clock = new ManualClock();
      const files = withUploadRecords(createCloudbaseFiles(loopback.app), { store, clock });
      const ctxFor = (userId: string, openid: string): ActionContext => ({
        store,
        files,
        clock,
        newId: () => 'x',
        caller: { userId, openid, grants: [] },
      });
      // What the mini-program does itself: straight into storage, no function sees the bytes.
      const direct = async (cloudPath: string, bytes: Buffer) =>
        (await loopback.app.uploadFile({ cloudPath, fileContent: bytes })).fileID;
      const own = await direct('uploads/user-a/0123456789abcdef.jpg', JPEG);
      await expect(assertOwnUploads(ctxFor('user-b', 'o-b'), [own], IMAGE_TYPES, '照片')).rejects.toThrow(
        '只能使用您自己上传的照片',
      );
      await assertOwnUploads(ctxFor('user-a', 'o-a'), [own], IMAGE_TYPES, '照片');
      expect(await store.get(UPLOAD_COLLECTIONS.uploads, own)).toMatchObject({
        ownerOpenid: 'o-a',
        contentType: 'image/jpeg',
        size: JPEG.length,
      });
      // Recorded once: the second use reads the row, and it stays user-a's.
      await assertOwnUploads(ctxFor('user-a', 'o-a'), [own], IMAGE_TYPES, '照片');
      expect(await store.get(UPLOAD_COLLECTIONS.usage, 'o-a')).toMatchObject({ bytes: JPEG.length });

      const disguised = await direct('uploads/user-a/fedcba9876543210.png', HTML);
      await expect(assertOwnUploads(ctxFor('user-a', 'o-a'), [disguised], IMAGE_TYPES, '照片')).rejects.toThrow(
        '只支持 JPG、PNG、WebP 图片或 PDF 文件',
      );
      expect(await files.exists(disguised)).toBe(false);
      // Outside an uploads folder (the old `reports/…` paths) there is no owner to check: refused.
      const loose = await direct('reports/1733040000000-abc.jpg', JPEG);
      await expect(assertOwnUploads(ctxFor('user-a', 'o-a'), [loose], IMAGE_TYPES, '照片')).rejects.toThrow(
        '照片不存在，请重新上传',
      );
    } finally {
      await store.close();
      await loopback.close();
    }
  });
});

describe('editing keeps pictures another staff member uploaded (finding 4 without a regression)', () => {
  it('a second staff member can change the price of goods whose picture the first uploaded', async () => {
    const t = await startTestRuntime();
    try {
      const picture = await photo(t, 'demo-staff');
      const saved = await t.as('demo-staff').ok('greencoin', 'goods.save', {
        name: '环保袋',
        price: 10,
        pictures: [picture],
      } as never);
      const edited = await t.as('demo-admin').call('greencoin', 'goods.save', {
        goodsId: saved.id,
        name: '环保袋',
        price: 12,
        pictures: [picture],
      } as never);
      expect(codeOf(edited)).toBe('OK');
      // But adding someone else's upload is still refused.
      const other = await photo(t, 'demo-resident');
      const added = await t.as('demo-admin').call('greencoin', 'goods.save', {
        goodsId: saved.id,
        name: '环保袋',
        price: 12,
        pictures: [picture, other],
      } as never);
      expect(codeOf(added)).toBe('FORBIDDEN');
    } finally {
      await t.close();
    }
  });
});
