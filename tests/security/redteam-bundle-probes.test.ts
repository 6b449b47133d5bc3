import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invisibleControlAt } from '../../cloudfunctions/_core/domain/text';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { seedDemo } from '../../local/seed';
import { type BundleReport, buildFunctions } from '../../scripts/build-functions';
import { callBundle, RawEvent } from '../support/bundle-call';
import { startTcbLoopback, type TcbLoopback } from '../support/tcb-loopback';

// The second outside pass, on the BUILT bundles with WeChat's event shape (payload plus the
// platform's userInfo), trying what redteam-event.test.ts did not: action names that are keys of
// every object's prototype, prototype keys as payload fields at any depth, the platform fields
// (userInfo, tcbContext) shaped by the client, nesting and key names sized to the 100 KB body,
// and identity or scope fields in a write's payload. The caller is the one the context names,
// nothing is written, and every refusal is a short Chinese sentence that repeats nothing the
// client chose beyond a plain field or action name.

const OUT = path.resolve('.build/redteam-probe-bundles');
const WRITES = /insertDocument|modifyDocument|removeDocument|updateDocument|setDocument|commitTransaction/;
/** Text that means an object's prototype leaked into a message. */
const LEAK = /function |native code|\[object /;

describe('redteam: the built bundles against client-shaped events, second pass', () => {
  let bundles: Map<string, BundleReport>;
  let loopback: TcbLoopback;

  beforeAll(async () => {
    bundles = new Map(
      (await buildFunctions(['identity', 'greencoin', 'timebank', 'tips'], { outRoot: OUT })).map((r) => [r.name, r]),
    );
    loopback = await startTcbLoopback();
    await seedDemo(loopback.backing, new ManualClock());
  }, 300_000);
  afterAll(() => loopback?.close());

  const writes = () =>
    Object.entries(loopback.actionCounts())
      .filter(([action]) => WRITES.test(action))
      .reduce((sum, [, n]) => sum + n, 0);
  const userInfo = (openId: string) => ({ appId: 'wx-test-app', openId });
  type Answer = { ok: boolean; data?: any; error?: { code: string; message: string } };
  const call = async (name: string, event: unknown, openid: string | null = 'demo-resident') => {
    const report = bundles.get(name);
    if (!report) throw new Error(`no bundle ${name}`);
    return (await callBundle(report.file, loopback.url, event, openid)) as Answer;
  };
  /** A WeChat callFunction event as the platform delivers it, for the resident. */
  const wx = (action: unknown, payload: unknown, extra: object = {}) => ({
    action,
    payload,
    userInfo: userInfo('demo-resident'),
    ...extra,
  });
  const expectRefusal = (answer: Answer, where: string, code = 'INVALID_INPUT') => {
    expect(answer.ok, `${where}: ${JSON.stringify(answer)}`).toBe(false);
    expect(answer.error?.code, where).toBe(code);
    expect(answer.error?.message, where).toMatch(/\p{Script=Han}/u);
    expect(answer.error?.message, where).not.toMatch(LEAK);
    // Nor a control character the client sent (the rule every stored text is held to, text.ts).
    expect(invisibleControlAt(answer.error?.message ?? ''), where).toBeNull();
    expect(answer.error?.message.length ?? 0, `${where}: a short sentence`).toBeLessThanOrEqual(200);
  };

  it('action names that every object inherits are unknown actions', async () => {
    const names = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      'prototype',
    ];
    const before = writes();
    const answers = await Promise.all(names.map((a) => call('identity', wx(a, {}))));
    answers.forEach((answer, i) => {
      expectRefusal(answer, `action ${names[i]}`);
      expect(answer.error?.message).toBe(`未知操作：identity.${names[i]}`);
    });
    expect(writes()).toBe(before);
  }, 120_000);

  it('an unknown action name is not echoed with what it hides (control characters, 64 characters of text)', async () => {
    const before = writes();
    const [rlo, long] = await Promise.all([
      call('identity', wx('me\u202e\u0007', {})),
      call('identity', wx('请'.repeat(64), {})),
    ]);
    expectRefusal(rlo, 'action with RLO and BEL');
    expectRefusal(long, 'action of 64 Chinese characters');
    expect(long.error?.message).not.toContain('请请请');
    expect(writes()).toBe(before);
  }, 120_000);

  it('prototype keys as payload fields, at the top and at depth, read as unsupported fields, never as code', async () => {
    const payloads = [
      '{"constructor":1}',
      '{"toString":"x","hasOwnProperty":2}',
      '{"__proto__":{"isAdmin":true}}',
      '{"valueOf":{"constructor":{"prototype":{"polluted":true}}}}',
    ];
    const before = writes();
    const answers = await Promise.all([
      ...payloads.map((p) => call('identity', wx('me', JSON.parse(p)))),
      // At depth, in a write with a nested object: a goods request's fields.
      call(
        'greencoin',
        wx(
          'redeem.request',
          JSON.parse('{"goodsId":"goods-xiaoxiang-5","quantity":1,"idempotencyKey":"probe-key-0001","constructor":{}}'),
        ),
      ),
    ]);
    answers.forEach((answer, i) => {
      expectRefusal(answer, payloads[i] ?? 'redeem.request with constructor');
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(writes()).toBe(before);
  }, 120_000);

  it('unknown keys sized to the body cap are named shortly, not echoed back whole', async () => {
    const before = writes();
    const answers = await Promise.all([
      call('identity', wx('me', { ['k'.repeat(60_000)]: 1 })),
      call('identity', wx('me', { 'a\u202eb': 1 })),
      call('identity', wx('me', Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`field${i}`, i])))),
    ]);
    for (const answer of answers) expectRefusal(answer, 'oversized or hidden key');
    expect(writes()).toBe(before);
  }, 120_000);

  it('the platform fields shaped by the client change nobody: userInfo with a prototype, a deep tcbContext', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const [proto, nested, both] = await Promise.all([
      call('identity', JSON.parse('{"action":"me","payload":{},"userInfo":{"__proto__":{"openId":"demo-admin"}}}')),
      call(
        'identity',
        new RawEvent(
          `{"action":"me","payload":{},"userInfo":${JSON.stringify(userInfo('demo-resident'))},"tcbContext":${deep}}`,
        ),
      ),
      call('identity', {
        action: 'me',
        payload: {},
        userInfo: { ...userInfo('demo-admin'), constructor: { prototype: { role: 'admin' } } },
      }),
    ]);
    for (const answer of [proto, nested, both]) {
      expect(answer.ok, JSON.stringify(answer).slice(0, 300)).toBe(true);
      expect(answer.data.userId).toBe('user-resident');
      expect(answer.data.roles.map((r: { role: string }) => r.role)).not.toContain('admin');
    }
    // With no caller in the context, a userInfo naming the admin is nobody.
    const anonymous = await call('identity', { action: 'me', payload: {}, userInfo: userInfo('demo-admin') }, null);
    expectRefusal(anonymous, 'userInfo without a platform caller', 'UNAUTHENTICATED');
  }, 120_000);

  it('nesting and arrays sized to the body cap are refused in Chinese, quickly, writing nothing', async () => {
    const before = writes();
    const started = Date.now();
    const answers = await Promise.all([
      call('identity', new RawEvent(`{"action":"me","payload":${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}}`)),
      call('identity', new RawEvent(`{"action":"me","payload":${'['.repeat(40_000)}${']'.repeat(40_000)}}`)),
      call(
        'greencoin',
        wx('redeem.request', {
          goodsId: 'goods-xiaoxiang-5',
          quantity: Array.from({ length: 20_000 }, () => 1),
          idempotencyKey: 'probe-key-0002',
        }),
      ),
    ]);
    for (const answer of answers) expectRefusal(answer, 'deep or wide payload');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(writes()).toBe(before);
  }, 120_000);

  it('identity and scope in a write’s payload are refused, not obeyed', async () => {
    const before = writes();
    const base = { goodsId: 'goods-xiaoxiang-5', quantity: 1 };
    const smuggled = [
      { userId: 'user-admin' },
      { openid: 'demo-admin' },
      { role: 'admin' },
      { status: 'approved' },
      { communityId: 'community-cuifeng' },
      { price: 0 },
    ];
    const answers = await Promise.all(
      smuggled.map((extra, i) =>
        call('greencoin', wx('redeem.request', { ...base, ...extra, idempotencyKey: `probe-smuggle-${i}` })),
      ),
    );
    answers.forEach((answer, i) => {
      expectRefusal(answer, JSON.stringify(smuggled[i]));
    });
    expect(writes()).toBe(before);
  }, 120_000);

  it('the timer functions redteam-event did not reach (timebank, tips) run no sweep for a client', async () => {
    const timerBody = { Type: 'Timer', TriggerName: 'sweep', Time: '2026-01-05T01:00:00Z' };
    const before = writes();
    for (const name of ['timebank', 'tips']) {
      const answers = await Promise.all([
        call(name, timerBody, 'demo-admin'),
        call(name, { ...timerBody, userInfo: userInfo('demo-admin') }, 'demo-admin'),
        call(name, timerBody, null),
      ]);
      for (const answer of answers) expect(answer.ok, `${name}: ${JSON.stringify(answer)}`).toBe(false);
    }
    // By name: the photo sweep is the timer's alone (even the city admin); the reminders are
    // staff-or-system, so a resident is refused them.
    const byName = await Promise.all([
      call('tips', wx('photo.sweep', {}), 'demo-admin'),
      call('tips', { action: 'photo.sweep', payload: {}, userInfo: userInfo('demo-admin') }, 'demo-resident'),
      call('timebank', wx('reminder.sweep', {})),
    ]);
    for (const answer of byName) expectRefusal(answer, 'sweep by name', 'FORBIDDEN');
    expect(writes()).toBe(before);
  }, 180_000);
});
