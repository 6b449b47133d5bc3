/**
 * An anonymous tip's photo of realistic size (a ~300 KB PNG) reaches the tip in numbered parts
 * (tips.photo.part), every call under CloudBase's 100 KB body, through the real gateway with its cap
 * on; the stored file has no uploader. Bad parts answer a Chinese error and leave nothing behind.
 * On main the same photo went in one photo.add call and the gateway refused it (413).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoTicketDoc, TipDoc } from '../../cloudfunctions/_core/domain/tips';
import { type PartInput, planPart } from '../../cloudfunctions/_core/domain/tips-photos';
import { CALL_BODY_MAX_BYTES } from '../../cloudfunctions/_core/runtime/limits';
import { type RunningGateway, startGateway } from '../support/gateway';
import { noisePng } from '../support/png';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/** What the client sends a part: 65,535 bytes (whole base64 groups), under the function's 64 KiB. */
const PART = 65_535;
const partsOf = (bytes: Uint8Array, size = PART): string[] =>
  Array.from({ length: Math.max(1, Math.ceil(bytes.length / size)) }, (_, i) =>
    Buffer.from(bytes.subarray(i * size, (i + 1) * size)).toString('base64'),
  );
const PHOTO = noisePng(320, 320, 7); // ≈ 307 KB: a compressed phone photo
const CONTENT = '潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。';

describe('planPart (the pure rule): what one part does to a ticket', () => {
  const now = '2026-12-01T10:00:00.000Z';
  const ticket = (over: Partial<PhotoTicketDoc> = {}): PhotoTicketDoc => ({
    _id: 't',
    photos: [],
    expiresAt: '2026-12-01T12:00:00.000Z',
    ...over,
  });
  const part = (over: Partial<PartInput> = {}): PartInput => ({
    photo: 'photo-a',
    part: 0,
    parts: 3,
    size: 65_535,
    digest: 'd0',
    ...over,
  });
  const pending = { photo: 'photo-a', parts: 3, received: 1, bytes: 65_535 };

  it('stores in order, recognises a retry and a finished photo, drops a photo given up for another', () => {
    expect(planPart(ticket(), part(), null, now)).toEqual({ ok: true, step: 'store', bytes: 65_535, dropped: null });
    expect(planPart(ticket({ upload: pending }), part({ part: 1 }), null, now)).toMatchObject({
      step: 'store',
      bytes: 131_070,
    });
    expect(
      planPart(ticket({ upload: { ...pending, received: 2 } }), part({ part: 2, size: 10 }), null, now),
    ).toMatchObject({
      step: 'last',
    });
    expect(planPart(ticket({ upload: pending }), part({ part: 0 }), { digest: 'd0' }, now)).toEqual({
      ok: true,
      step: 'have',
      received: 1,
    });
    expect(planPart(ticket({ photos: ['f1'], keys: ['photo-a'] }), part({ part: 2 }), null, now)).toEqual({
      ok: true,
      step: 'done',
      fileId: 'f1',
    });
    expect(planPart(ticket({ upload: pending }), part({ photo: 'photo-b' }), null, now)).toMatchObject({
      step: 'store',
      dropped: pending,
    });
  });

  it('refuses with the sentence a person reads', () => {
    const says = (d: { ok: boolean; message?: string }) => (d.ok ? 'ok' : d.message);
    expect(says(planPart(null, part(), null, now))).toBe('照片凭证无效或已过期，请重新选择照片');
    expect(says(planPart(ticket({ expiresAt: now }), part(), null, now))).toBe('照片凭证无效或已过期，请重新选择照片');
    expect(says(planPart(ticket({ upload: pending }), part({ part: 2 }), null, now))).toBe(
      '照片分段顺序不对，请从第 2 段继续上传',
    );
    expect(says(planPart(ticket({ upload: pending }), part({ part: 0 }), { digest: 'other' }, now))).toBe(
      '这一段照片与已上传的不一致，请重新选择照片',
    );
    expect(says(planPart(ticket(), part({ part: 3 }), null, now))).toMatch(/^照片分段编号超出范围/);
    expect(says(planPart(ticket(), part({ size: 65_537 }), null, now))).toMatch(/^每段照片数据不能超过 64 KB/);
    expect(says(planPart(ticket({ photos: Array(6).fill('f') }), part(), null, now))).toBe('最多上传 6 张照片');
    expect(says(planPart(ticket({ bytes: 10 * 1024 * 1024 - 10 }), part(), null, now))).toBe(
      '一次匿名举报的照片合计不能超过 10 MB',
    );
  });
});

describe('through the gateway with the 100 KB cap: a 300 KB photo in parts, stored without an uploader', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('every part call is under 100 KB; the whole photo in one call is refused; the tip gets the photo', async () => {
    expect(PHOTO.length).toBeGreaterThan(300_000);
    const token = await gw.login('demo-resident');
    const ticketRes = await gw.invoke('tips', { action: 'photo.ticket', payload: {} }, token);
    const ticket = ticketRes.body.data.ticket as string;

    // What main sent: the photo in one call. CloudBase (and the gateway) refuse the body.
    const whole = {
      action: 'photo.part',
      payload: { ticket, photo: 'photo-whole-1', part: 0, parts: 1, data: PHOTO.toString('base64') },
    };
    const refused = await gw.invoke('tips', whole, token);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toEqual({ code: 'INVALID_INPUT', message: '提交的内容太大' });

    const parts = partsOf(PHOTO);
    expect(parts).toHaveLength(5);
    const sizes: number[] = [];
    let last: any;
    for (const [part, data] of parts.entries()) {
      const event = {
        action: 'photo.part',
        payload: { ticket, photo: 'photo-real-1', part, parts: parts.length, data },
      };
      sizes.push(Buffer.byteLength(JSON.stringify(event)));
      const res = await gw.invoke('tips', event, token);
      expect(res.status, JSON.stringify(res.body.error)).toBe(200);
      last = res.body.data;
      expect(last.received).toBe(part + 1);
    }
    expect(Math.max(...sizes)).toBeLessThan(CALL_BODY_MAX_BYTES);
    expect(last.done).toBe(true);
    const fileId = last.fileId as string;
    const upload = await gw.runtime.store.get<{ _id: string; ownerOpenid: string; size: number; contentType: string }>(
      'uploads',
      fileId,
    );
    expect(upload).toMatchObject({ ownerOpenid: 'anonymous-tip', size: PHOTO.length, contentType: 'image/png' });
    expect(await gw.runtime.store.count('tip_photo_parts', {})).toBe(0);

    const submitted = await gw.invoke(
      'tips',
      {
        action: 'submit',
        payload: {
          scheme: 'safety',
          content: CONTENT,
          photos: [fileId],
          anonymous: true,
          photoTicket: ticket,
          key: 'gw-anon-photo-1',
        },
      },
      token,
    );
    expect(submitted.body.ok, JSON.stringify(submitted.body.error)).toBe(true);
    const tip = await gw.runtime.store.get<TipDoc>('tips', submitted.body.data.tip.id);
    expect(tip).toMatchObject({ photos: [fileId], tipsterUserId: null });
    expect(await gw.runtime.store.count('tip_photo_tickets', {})).toBe(0);
  });
});

describe('tips.photo.part through the real handler: retries, order, caps, wrong and expired tickets', () => {
  let t: TestRuntime;
  const who = 'demo-resident';
  let n = 0;
  const ticketOf = async () => (await t.as(who).ok('tips', 'photo.ticket', {})).ticket;
  const send = (ticket: string, photo: string, part: number, parts: number, data: string) =>
    t.as(who).call('tips', 'photo.part', { ticket, photo, part, parts, data });
  const ticketDoc = async (ticket: string) =>
    t.runtime.store.get<PhotoTicketDoc>(
      'tip_photo_tickets',
      createHash('sha256').update(`tip-photo-ticket:${ticket}`).digest('hex'),
    );
  /** Everything a refused call could have left: parts, upload rows, the ticket. */
  const lasting = async (ticket: string) => {
    const doc = await ticketDoc(ticket);
    return {
      parts: await t.runtime.store.count('tip_photo_parts', {}),
      uploads: await t.runtime.store.count('uploads', { ownerOpenid: 'anonymous-tip' }),
      ticket: doc && { photos: doc.photos, bytes: doc.bytes ?? 0, upload: doc.upload ?? null },
    };
  };
  const refusal = (res: { ok: boolean; error?: { code: string; message: string } }) =>
    res.ok ? 'ok' : `${res.error?.code} ${res.error?.message}`;

  beforeAll(async () => {
    t = await startTestRuntime();
    // Three tickets a day a person: these tests need more, so a new day starts each time the quota runs out.
    n = 0;
  });
  afterAll(async () => {
    await t.close();
  });
  const freshTicket = async () => {
    n += 1;
    if (n % 3 === 1 && n > 1) t.clock.advance(24 * 3600_000);
    return ticketOf();
  };

  it('a retried part (lost answer) is not stored twice; a retried last part answers the same file', async () => {
    const ticket = await freshTicket();
    const parts = partsOf(PHOTO);
    const first = await send(ticket, 'photo-retry-1', 0, parts.length, parts[0] as string);
    expect(first).toMatchObject({ ok: true, data: { done: false, received: 1 } });
    // The same part again: the answer says how far the photo is, one row stays.
    expect(await send(ticket, 'photo-retry-1', 0, parts.length, parts[0] as string)).toMatchObject({
      ok: true,
      data: { done: false, received: 1 },
    });
    expect(await t.runtime.store.count('tip_photo_parts', {})).toBe(1);
    // The same number with other bytes is another photo: refused, nothing changes.
    const before = await lasting(ticket);
    const other = await send(ticket, 'photo-retry-1', 0, parts.length, parts[1] as string);
    expect(refusal(other)).toBe('CONFLICT 这一段照片与已上传的不一致，请重新选择照片');
    expect(await lasting(ticket)).toEqual(before);
    let done: any;
    for (let part = 1; part < parts.length; part += 1) {
      done = await t.as(who).ok('tips', 'photo.part', {
        ticket,
        photo: 'photo-retry-1',
        part,
        parts: parts.length,
        data: parts[part] as string,
      });
    }
    expect(done.done).toBe(true);
    const again = await send(ticket, 'photo-retry-1', parts.length - 1, parts.length, parts.at(-1) as string);
    expect(again).toMatchObject({ ok: true, data: { done: true, fileId: done.fileId } });
    expect(await t.runtime.store.count('uploads', { ownerOpenid: 'anonymous-tip' })).toBe(1);
    expect(await t.runtime.store.count('tip_photo_parts', {})).toBe(0);
    expect((await ticketDoc(ticket))?.photos).toEqual([done.fileId]);
    // The bytes stored are the photo's, byte for byte.
    const stored = await t.runtime.files.inspect(done.fileId);
    expect(stored).toEqual({ contentType: 'image/png', size: PHOTO.length });
  });

  it('out of order, out of range, oversized, malformed, wrong ticket: a Chinese error and nothing written', async () => {
    const ticket = await freshTicket();
    const parts = partsOf(PHOTO);
    await t
      .as(who)
      .ok('tips', 'photo.part', { ticket, photo: 'photo-bad-1', part: 0, parts: 5, data: parts[0] as string });
    const before = await lasting(ticket);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'skips a part',
        { photo: 'photo-bad-1', part: 2, parts: 5, data: parts[2] },
        /^INVALID_INPUT 照片分段顺序不对，请从第 2 段继续上传$/,
      ],
      [
        'starts mid-photo',
        { photo: 'photo-bad-2', part: 1, parts: 5, data: parts[1] },
        /^INVALID_INPUT 照片分段顺序不对，请从第 1 段继续上传$/,
      ],
      [
        'part beyond parts',
        { photo: 'photo-bad-1', part: 5, parts: 5, data: parts[1] },
        /^INVALID_INPUT 照片分段编号超出范围/,
      ],
      [
        'other part count',
        { photo: 'photo-bad-1', part: 1, parts: 6, data: parts[1] },
        /^INVALID_INPUT 照片分段数与开始上传时不一致/,
      ],
      [
        'more parts than a 5 MB photo',
        { photo: 'photo-bad-3', part: 0, parts: 81, data: parts[0] },
        /^INVALID_INPUT .*照片分段数/,
      ],
      [
        'a part over 64 KiB',
        { photo: 'photo-bad-3', part: 0, parts: 2, data: `${parts[0]}AAAAAAAA` },
        /^INVALID_INPUT .*照片数据/,
      ],
      [
        'not base64',
        { photo: 'photo-bad-3', part: 0, parts: 2, data: '<script>alert(1)</script>' },
        /^INVALID_INPUT .*照片数据格式不正确$/,
      ],
      ['a bad photo key', { photo: '../../x', part: 0, parts: 2, data: parts[0] }, /^INVALID_INPUT .*照片编号无效$/],
    ];
    for (const [why, payload, expected] of cases) {
      const res = await t.as(who).call('tips', 'photo.part', { ticket, ...payload });
      expect(refusal(res), why).toMatch(expected);
      expect(await lasting(ticket), why).toEqual(before);
    }
    // A ticket nobody was given, and another person's parts sent under another ticket, are not this photo's.
    const unknown = await send('ab'.repeat(24), 'photo-bad-1', 1, 5, parts[1] as string);
    expect(refusal(unknown)).toBe('NOT_FOUND 照片凭证无效或已过期，请重新选择照片');
    const otherTicket = await freshTicket();
    const mixed = await send(otherTicket, 'photo-bad-1', 1, 5, parts[1] as string);
    expect(refusal(mixed)).toBe('INVALID_INPUT 照片分段顺序不对，请从第 1 段继续上传');
    expect(await lasting(ticket)).toEqual(before);
    // The photo still completes under its own ticket.
    for (let part = 1; part < 5; part += 1) {
      await t
        .as(who)
        .ok('tips', 'photo.part', { ticket, photo: 'photo-bad-1', part, parts: 5, data: parts[part] as string });
    }
    expect((await ticketDoc(ticket))?.photos).toHaveLength(1);
  });

  it('bytes that are no image when assembled: refused, and the parts and file are gone', async () => {
    const ticket = await freshTicket();
    const html = Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), Buffer.alloc(100_000, 0x20)]);
    const parts = partsOf(html);
    const before = await lasting(ticket);
    await t
      .as(who)
      .ok('tips', 'photo.part', { ticket, photo: 'photo-html-1', part: 0, parts: 2, data: parts[0] as string });
    const res = await send(ticket, 'photo-html-1', 1, 2, parts[1] as string);
    expect(refusal(res)).toBe('INVALID_INPUT 照片只能是 JPG、PNG 或 WebP 图片');
    expect(await lasting(ticket)).toEqual(before);
  });

  it('a ticket takes 10 MB at most (two 5 MB photos), and an expired ticket takes no part', async () => {
    const ticket = await freshTicket();
    // 80 parts of 64 KiB = 5 MB, a PNG by its first bytes.
    const big = Buffer.alloc(5 * 1024 * 1024, 0x41);
    PHOTO.copy(big, 0, 0, 64);
    const parts = partsOf(big, 64 * 1024);
    expect(parts).toHaveLength(80);
    for (const photo of ['photo-big-1', 'photo-big-2']) {
      let answer: any;
      for (const [part, data] of parts.entries()) {
        answer = await t.as(who).ok('tips', 'photo.part', { ticket, photo, part, parts: 80, data });
      }
      expect(answer.done).toBe(true);
    }
    expect((await ticketDoc(ticket))?.bytes).toBe(10 * 1024 * 1024);
    const before = await lasting(ticket);
    const over = await send(ticket, 'photo-big-3', 0, 1, partsOf(JPEG_SMALL)[0] as string);
    expect(refusal(over)).toBe('INVALID_INPUT 一次匿名举报的照片合计不能超过 10 MB');
    expect(await lasting(ticket)).toEqual(before);

    const late = await freshTicket();
    const small = partsOf(PHOTO);
    await t
      .as(who)
      .ok('tips', 'photo.part', { ticket: late, photo: 'photo-late-1', part: 0, parts: 5, data: small[0] as string });
    t.clock.advance(2 * 3600_000 + 1);
    const expired = await send(late, 'photo-late-1', 1, 5, small[1] as string);
    expect(refusal(expired)).toBe('NOT_FOUND 照片凭证无效或已过期，请重新选择照片');
  });
});

describe('the photo sweep (timer): expired tickets go with their parts and unfiled photos', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(() => t.close());
  const sweep = () =>
    t.runtime.invoke('tips', { Type: 'Timer', TriggerName: 'photoSweep' }, null, { trigger: 'timer' });

  it('removes an expired ticket, its photo file and a half-sent photo’s parts; a live one stays; a client cannot run it', async () => {
    const who = 'demo-resident';
    const parts = partsOf(PHOTO);
    const old = (await t.as(who).ok('tips', 'photo.ticket', {})).ticket;
    const whole = await t.as(who).ok('tips', 'photo.part', {
      ticket: old,
      photo: 'photo-sweep-1',
      part: 0,
      parts: 1,
      data: partsOf(JPEG_SMALL)[0] as string,
    });
    await t
      .as(who)
      .ok('tips', 'photo.part', { ticket: old, photo: 'photo-sweep-2', part: 0, parts: 5, data: parts[0] as string });
    await t
      .as(who)
      .ok('tips', 'photo.part', { ticket: old, photo: 'photo-sweep-2', part: 1, parts: 5, data: parts[1] as string });
    t.clock.advance(3600_000);
    const live = (await t.as(who).ok('tips', 'photo.ticket', {})).ticket;
    await t
      .as(who)
      .ok('tips', 'photo.part', { ticket: live, photo: 'photo-sweep-3', part: 0, parts: 5, data: parts[0] as string });
    expect(await t.runtime.store.count('tip_photo_parts', {})).toBe(3);

    // A client asking for the sweep is refused, and nothing goes.
    expect((await t.as('demo-admin').call('tips', 'photo.sweep', {})).ok).toBe(false);
    t.clock.advance(3600_000 + 1);
    expect(await sweep()).toEqual({ ok: true, data: { tickets: 1, files: 1, parts: 0 } });
    expect(await t.runtime.files.exists(whole.fileId)).toBe(false);
    expect(await t.runtime.store.get('uploads', whole.fileId)).toBeNull();
    expect(await t.runtime.store.count('tip_photo_tickets', {})).toBe(1);
    expect(await t.runtime.store.count('tip_photo_parts', {})).toBe(1);
    // Again: nothing more to do.
    expect(await sweep()).toEqual({ ok: true, data: { tickets: 0, files: 0, parts: 0 } });
  });
});

const JPEG_SMALL = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
