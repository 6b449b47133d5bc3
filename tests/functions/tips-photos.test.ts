/**
 * Anonymous tips with photos: the photos reach the scheme's officers, and nothing in the store —
 * upload rows, usage rows, tickets, quotas, the tip — leads from them back to the tipster. The
 * scan reads every table of the SQLite file, as the erasure test does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TipDoc } from '../../cloudfunctions/_core/domain/tips';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { everyDocument } from '../support/store-scan';
import { JPEG, photo } from './reports.support';

let t: TestRuntime;
let dataDir = '';
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);
let seq = 0;
/** A photo's key, as the client makes one per picked photo. */
const photoKey = () => `photo-key-${++seq}`;
/** Sends a photo as tips.photo.part parts of 65,535 bytes (what the client sends); the last answer. */
async function addPhoto(who: string, ticket: string, bytes: Uint8Array, photo = photoKey()) {
  const parts = Math.max(1, Math.ceil(bytes.length / 65_535));
  let answer = { done: false, fileId: '', url: '' };
  for (let part = 0; part < parts; part += 1) {
    const data = Buffer.from(bytes.subarray(part * 65_535, (part + 1) * 65_535)).toString('base64');
    answer = await t.as(who).ok('tips', 'photo.part', { ticket, photo, part, parts, data });
  }
  return answer;
}
const addOne = (who: string, ticket: string, bytes: Uint8Array) =>
  t.as(who).call('tips', 'photo.part', {
    ticket,
    photo: photoKey(),
    part: 0,
    parts: 1,
    data: Buffer.from(bytes).toString('base64'),
  });
const TIPSTER = 'demo-volunteer';
const TIPSTER_ID = 'user-volunteer';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-tip-photos-'));
  t = await startTestRuntime({ dataDir });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('anonymous tips with photos: a ticket, uploads without an uploader, seen by the officer only', () => {
  let tipId = '';
  let fileIds: string[] = [];

  it('photos go up with a ticket and onto the tip; nothing new in the store names the tipster', async () => {
    const before = new Map(
      everyDocument(path.join(dataDir, 'gongzhi.sqlite')).map((d) => [`${d.table}/${d.id}`, d.doc]),
    );
    const { ticket, maxPhotos } = await t.as(TIPSTER).ok('tips', 'photo.ticket', {});
    expect(maxPhotos).toBe(6);
    const one = await addPhoto(TIPSTER, ticket, JPEG);
    const two = await addPhoto(TIPSTER, ticket, JPEG);
    // Taken off the form before sending: not attached, and its file goes.
    const dropped = await addPhoto(TIPSTER, ticket, JPEG);
    fileIds = [one.fileId, two.fileId];
    const res = await t.as(TIPSTER).ok('tips', 'submit', {
      scheme: 'safety',
      content: '潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。',
      photos: [one.fileId, two.fileId],
      anonymous: true,
      photoTicket: ticket,
      key: 'anon-photo-tip-1',
    });
    tipId = res.tip.id;
    expect(((await t.runtime.store.get<TipDoc>('tips', tipId)) as TipDoc).photos).toEqual(fileIds);
    expect(await t.runtime.files.exists(dropped.fileId)).toBe(false);
    expect(await t.runtime.store.get('uploads', dropped.fileId)).toBeNull();

    const changed = everyDocument(path.join(dataDir, 'gongzhi.sqlite')).filter(
      (d) => before.get(`${d.table}/${d.id}`) !== d.doc,
    );
    expect(changed.map((d) => d.table)).toEqual(expect.arrayContaining(['c_tips', 'c_uploads']));
    const leaks = changed.filter(
      (d) =>
        d.doc.includes(TIPSTER_ID) || d.doc.includes(TIPSTER) || d.id.includes(TIPSTER_ID) || d.id.includes(TIPSTER),
    );
    expect(leaks.map((d) => `${d.table}/${d.id}`)).toEqual([]);
    // The upload rows say the one shared owner, and the ticket itself is gone.
    for (const id of fileIds) {
      expect(await t.runtime.store.get('uploads', id)).toMatchObject({ ownerOpenid: 'anonymous-tip' });
    }
    expect(await t.runtime.store.count('tip_photo_tickets', {})).toBe(0);
    // A spent ticket takes no more photos.
    expect(code(await addOne(TIPSTER, ticket, JPEG))).toBe('NOT_FOUND');
  });

  it('the scheme’s officer sees the photos; the tipster’s own list and other personas do not', async () => {
    const d = await t.as('demo-tipofficer').ok('tips', 'detail', { tipId });
    expect(d.photos).toEqual(fileIds);
    expect(Object.keys(d.photoUrls).sort()).toEqual([...fileIds].sort());
    expect(d.tipster).toBeNull();
    for (const who of ['demo-resident', 'demo-gridworker', 'demo-staff', 'demo-sage', 'demo-admin']) {
      const res = await t.as(who).call('tips', 'detail', { tipId });
      expect(code(res), who).not.toBe('ok');
    }
    expect((await t.as(TIPSTER).ok('tips', 'mine', {})).items).toHaveLength(0);
  });

  it('erasing the tipster leaves the anonymous tip and its photos with the officer', async () => {
    await t.as(TIPSTER).ok('identity', 'deleteMyAccount', { confirm: '注销' });
    for (const id of fileIds) expect(await t.runtime.files.exists(id)).toBe(true);
    expect((await t.as('demo-tipofficer').ok('tips', 'detail', { tipId })).photos).toEqual(fileIds);
  });

  it('limits: 6 photos a ticket, 3 tickets a day a person, images only, a ticket expires; named uploads are refused on anonymous tips', async () => {
    const who = 'demo-resident';
    const { ticket } = await t.as(who).ok('tips', 'photo.ticket', {});
    for (let i = 0; i < 6; i += 1) await addPhoto(who, ticket, JPEG);
    expect(code(await addOne(who, ticket, JPEG))).toBe('INVALID_INPUT');
    const own = await photo(t, who);
    const smuggled = await t.as(who).call('tips', 'submit', {
      scheme: 'crime',
      content: '有人在潇湘农贸市场强行收取摊位“保护费”，不交就砸摊。',
      anonymous: true,
      photos: [own],
      photoTicket: ticket,
      key: 'anon-photo-tip-smuggled',
    });
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '照片不属于这次匿名上传' } });
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const second = (await t.as(who).ok('tips', 'photo.ticket', {})).ticket;
    const refused = await addOne(who, second, html);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '照片只能是 JPG、PNG 或 WebP 图片' },
    });
    await t.as(who).ok('tips', 'photo.ticket', {});
    expect(code(await t.as(who).call('tips', 'photo.ticket', {}))).toBe('RATE_LIMITED');
    t.clock.advance(2 * 3600_000 + 1);
    expect(code(await addOne(who, second, JPEG))).toBe('NOT_FOUND');
    const expired = await t.as(who).call('tips', 'submit', {
      scheme: 'crime',
      content: '有人在潇湘农贸市场强行收取摊位“保护费”，不交就砸摊。',
      anonymous: true,
      photoTicket: second,
      key: 'anon-photo-tip-expired',
    });
    expect(code(expired)).toBe('NOT_FOUND');
    // An ordinary (named) upload cannot go on an anonymous tip without a ticket either; nor a ticket on a named one.
    const named = await t.as(who).call('tips', 'submit', {
      scheme: 'crime',
      content: '有人在潇湘农贸市场强行收取摊位“保护费”，不交就砸摊。',
      anonymous: true,
      photos: [own],
      key: 'anon-photo-tip-named-upload',
    });
    expect(code(named)).toBe('INVALID_INPUT');
    const ticketOnNamed = await t.as(who).call('tips', 'submit', {
      scheme: 'crime',
      content: '有人在潇湘农贸市场强行收取摊位“保护费”，不交就砸摊。',
      anonymous: false,
      photoTicket: ticket,
      key: 'anon-photo-tip-named-ticket',
    });
    expect(code(ticketOnNamed)).toBe('INVALID_INPUT');
  });
});
