import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { seedDemo } from '../../local/seed';
import { type BundleReport, buildFunctions } from '../../scripts/build-functions';
import { callBundle } from '../support/bundle-call';
import { startTcbLoopback, type TcbLoopback } from '../support/tcb-loopback';

// The outside review calls the BUILT bundles with events a client can shape: WeChat's real
// callFunction event, the same with identity smuggled in (top level, payload, userInfo), a timer
// trigger's body sent by a client, and the HTTP access service's shape. The caller is who the
// platform context says, nothing in the event makes anyone an admin or the system, and a refused
// event writes nothing.

/** This suite's own bundles: tests/deploy/bundles.test.ts rewrites the function folders' copies. */
const OUT = path.resolve('.build/redteam-bundles');
const WRITES = /insertDocument|modifyDocument|removeDocument|updateDocument|setDocument|commitTransaction/;

describe('redteam: events as a client can shape them, through the built bundles', () => {
  let bundles: Map<string, BundleReport>;
  let loopback: TcbLoopback;

  beforeAll(async () => {
    bundles = new Map(
      (await buildFunctions(['identity', 'admin', 'greencoin', 'inbox', 'reports', 'sages'], { outRoot: OUT })).map(
        (r) => [r.name, r],
      ),
    );
    loopback = await startTcbLoopback();
    await seedDemo(loopback.backing, new ManualClock());
  }, 300_000);
  afterAll(() => loopback?.close());

  const writes = () =>
    Object.entries(loopback.actionCounts())
      .filter(([action]) => WRITES.test(action))
      .reduce((sum, [, n]) => sum + n, 0);

  /** One call in a fresh process with the environment CloudBase gives a function for this caller. */
  const call = async (name: string, event: unknown, openid: string | null, context: object = {}) => {
    const report = bundles.get(name);
    if (!report) throw new Error(`no bundle ${name}`);
    return (await callBundle(report.file, loopback.url, event, openid, context)) as {
      ok: boolean;
      data?: any;
      error?: { code: string; message: string };
    };
  };
  const userInfo = (openId: string) => ({ appId: 'wx-test-app', openId });
  const rolesOf = (answer: { data?: any }) => (answer.data?.roles ?? []).map((r: { role: string }) => r.role);

  it('identity smuggled in at the top level is refused, never trusted', async () => {
    const smuggled = [
      '_openid',
      'OPENID',
      'openid',
      'openId',
      'callerId',
      'userId',
      'role',
      'roles',
      'grants',
      'communityId',
      'WX_OPENID',
    ];
    const before = writes();
    const answers = await Promise.all(
      smuggled.map((field) =>
        call(
          'identity',
          {
            action: 'me',
            payload: {},
            userInfo: userInfo('demo-resident'),
            [field]: field.startsWith('role') || field === 'grants' ? 'admin' : 'demo-admin',
          },
          'demo-resident',
        ),
      ),
    );
    answers.forEach((answer, i) => {
      expect(answer.ok, `${smuggled[i]} at the top level: ${JSON.stringify(answer)}`).toBe(false);
      expect(answer.error?.code).toBe('INVALID_INPUT');
    });
    expect(writes()).toBe(before);
  }, 120_000);

  it('identity smuggled in the payload or in userInfo changes nobody', async () => {
    const inPayload = await Promise.all(
      [
        { openId: 'demo-admin' },
        { _openid: 'demo-admin' },
        { userInfo: userInfo('demo-admin') },
        { role: 'admin' },
      ].map((payload) =>
        call('identity', { action: 'me', payload, userInfo: userInfo('demo-resident') }, 'demo-resident'),
      ),
    );
    for (const answer of inPayload) expect(answer.error?.code, JSON.stringify(answer)).toBe('INVALID_INPUT');
    // userInfo is the platform's field (WeChat writes it); a client's copy naming the admin, with
    // extras, still answers as the caller the context names. So does a forged tcbContext.
    const forged = await call(
      'identity',
      {
        action: 'me',
        payload: {},
        userInfo: { appId: 'wx-test-app', openId: 'demo-admin', role: 'admin', grants: [{ role: 'admin' }] },
        tcbContext: { openId: 'demo-admin', WX_OPENID: 'demo-admin', TCB_SOURCE: 'wx_trigger' },
      },
      'demo-resident',
    );
    expect(forged.ok).toBe(true);
    expect(forged.data.nickname).toBe('张阿姨');
    expect(rolesOf(forged)).not.toContain('admin');
    // A city admin's staff-only read, asked by the resident with the admin's openid in the event.
    const people = await call(
      'admin',
      { action: 'audit.list', payload: {}, userInfo: userInfo('demo-admin'), openid: 'demo-admin' },
      'demo-resident',
    );
    expect(people.ok).toBe(false);
  }, 120_000);

  it('a timer body sent through callFunction never runs the system’s sweep', async () => {
    const timerBody = { Type: 'Timer', TriggerName: 'sweep', Time: '2026-01-05T01:00:00Z' };
    const before = writes();
    const clientContext = {
      request_id: 'r-timer',
      environment: JSON.stringify({ WX_OPENID: 'demo-admin', TCB_SOURCE: 'wx_client' }),
    };
    for (const name of ['admin', 'greencoin', 'inbox', 'reports', 'sages']) {
      // As a signed-in client (even the city admin), with and without userInfo, and with no caller at all.
      const answers = await Promise.all([
        call(name, timerBody, 'demo-admin'),
        call(name, { ...timerBody, userInfo: userInfo('demo-admin') }, 'demo-admin', clientContext),
        call(name, timerBody, null),
        call(name, { ...timerBody, action: 'figures.fold', payload: {} }, 'demo-admin'),
      ]);
      for (const answer of answers) expect(answer.ok, `${name}: ${JSON.stringify(answer)}`).toBe(false);
    }
    // By name from a client: the fold is the timer's alone (even the city admin is refused); the
    // sweeps are staff-or-system by design, so a resident is refused them.
    const byName = await Promise.all([
      call('admin', { action: 'figures.fold', payload: {} }, 'demo-admin'),
      call('admin', { action: 'figures.fold', payload: {}, userInfo: userInfo('demo-admin') }, 'demo-resident'),
      call('greencoin', { action: 'redeem.expire', payload: {} }, 'demo-resident'),
      call('inbox', { action: 'outbox.drain', payload: {} }, 'demo-resident'),
      call('reports', { action: 'sla.sweep', payload: {} }, 'demo-resident'),
      call('sages', { action: 'terms.sweep', payload: {} }, 'demo-resident'),
    ]);
    for (const answer of byName) expect(answer.error?.code, JSON.stringify(answer)).toBe('FORBIDDEN');
    expect(writes()).toBe(before);
  }, 180_000);

  it('the HTTP access service’s event shape is refused (no function is meant to be reached that way)', async () => {
    const http = {
      path: '/identity',
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-admin', 'x-openid': 'demo-admin' },
      queryStringParameters: { action: 'me' },
      body: JSON.stringify({ action: 'me', payload: {} }),
      isBase64Encoded: false,
      requestContext: { appId: 'wx-test-app' },
    };
    const before = writes();
    const [anonymous, signedIn, base64] = await Promise.all([
      call('identity', http, null),
      call('identity', http, 'demo-resident'),
      call('identity', { ...http, body: Buffer.from(http.body).toString('base64'), isBase64Encoded: true }, null),
    ]);
    for (const answer of [anonymous, signedIn, base64]) {
      expect(answer.ok).toBe(false);
      expect(['INVALID_INPUT', 'UNAUTHENTICATED']).toContain(answer.error?.code);
    }
    expect(writes()).toBe(before);
  }, 120_000);
});
