import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { seedDemo } from '../../local/seed';
import { BUNDLE_FILE, type BundleReport, buildFunctions, HANDLER } from '../../scripts/build-functions';
import { callBundle as callBundleFile } from '../support/bundle-call';
import { startTcbLoopback, type TcbLoopback } from '../support/tcb-loopback';

describe('bundled cloud functions (npm run build:functions) against the loopback CloudBase', () => {
  let reports: BundleReport[];
  let loopback: TcbLoopback;

  beforeAll(async () => {
    reports = await buildFunctions();
    loopback = await startTcbLoopback();
    await seedDemo(loopback.backing, new ManualClock());
  });
  afterAll(() => loopback?.close());

  /** Runs a bundle in a fresh process with the environment a CloudBase function gets. */
  const callBundle = (report: BundleReport, event: unknown, openid: string | null, context: object = {}) =>
    callBundleFile(report.file, loopback.url, event, openid, context);

  it('every function is bundled into its own folder with no embedded-database or native code', () => {
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect(existsSync(report.file)).toBe(true);
      expect(report.inputs.some((i) => /better-sqlite3|mingo|\.node$|store\/embedded|^local\//.test(i))).toBe(false);
      expect(report.inputs.some((i) => i.includes('@cloudbase/node-sdk'))).toBe(true);
      // DevTools' upload and CloudBase's handler `index.main` want the bundle at the function root.
      expect(report.file).toBe(`cloudfunctions/${report.name}/${BUNDLE_FILE}`);
      expect(HANDLER).toBe(`${BUNDLE_FILE.replace(/\.js$/, '')}.main`);
      expect(existsSync(path.join(path.dirname(report.file), 'dist'))).toBe(false);
      const pkg = JSON.parse(readFileSync(path.join(path.dirname(report.file), 'package.json'), 'utf8'));
      expect(pkg.main).toBe(BUNDLE_FILE);
      expect(pkg.dependencies).toBeUndefined();
      // A generous ceiling: the SDK is most of it; this catches an accidental whole-repo bundle.
      expect(report.bytes).toBeLessThan(4 * 1024 * 1024);
    }
  });

  /** The event wx.cloud.callFunction delivers: the caller's data plus the platform's userInfo. */
  const wechatEvent = (data: Record<string, unknown>, openId: string) => ({
    ...data,
    userInfo: { appId: 'wx-test-app', openId },
  });

  it("every bundle accepts WeChat's real callFunction event shape (payload plus injected userInfo)", async () => {
    // An unknown action proves the event itself was accepted: the refusal answers before the action is looked up.
    const answers = await Promise.all(
      reports.map((report) =>
        callBundle(report, wechatEvent({ action: 'noSuchAction', payload: {} }, 'demo-resident'), 'demo-resident'),
      ),
    );
    answers.forEach((answer, i) => {
      expect(answer.error?.message, reports[i]?.name).toBe(`未知操作：${reports[i]?.name}.noSuchAction`);
    });
    const identity = reports.find((r) => r.name === 'identity');
    if (!identity) throw new Error('identity bundle missing');
    const me = await callBundle(identity, wechatEvent({ action: 'me', payload: {} }, 'demo-staff'), 'demo-staff');
    expect(me.ok).toBe(true);
    expect(me.data.nickname).toBe('陈书记');
  });

  it("the event's userInfo is never identity: only the platform context is", async () => {
    const identity = reports.find((r) => r.name === 'identity');
    if (!identity) throw new Error('identity bundle missing');
    // A forged userInfo naming the admin, sent by the resident: the resident is who calls.
    const forged = await callBundle(
      identity,
      wechatEvent({ action: 'me', payload: {} }, 'demo-admin'),
      'demo-resident',
    );
    expect(forged.ok).toBe(true);
    expect(forged.data.roles.map((r: { role: string }) => r.role)).not.toContain('admin');
    // And with no platform context at all, userInfo alone signs nobody in.
    const anonymous = await callBundle(identity, wechatEvent({ action: 'me', payload: {} }, 'demo-admin'), null);
    expect(anonymous.error?.code).toBe('UNAUTHENTICATED');
  });

  it('identity.me resolves the caller from the WX context (OPENID) through the real SDK', async () => {
    const identity = reports.find((r) => r.name === 'identity');
    if (!identity) throw new Error('identity bundle missing');
    const result = await callBundle(identity, { action: 'me', payload: {} }, 'demo-staff');
    expect(result.ok).toBe(true);
    expect(result.data.nickname).toBe('陈书记');
    expect(result.data.roles.map((r: { role: string }) => r.role)).toContain('staff');
    expect(loopback.actionCounts()['database.getDocument']).toBeGreaterThan(0);
  });

  it('the OPENID can also come from the invocation context (SCF environment)', async () => {
    const identity = reports.find((r) => r.name === 'identity');
    if (!identity) throw new Error('identity bundle missing');
    const context = {
      request_id: 'r1',
      environment: JSON.stringify({ WX_OPENID: 'demo-sage', WX_APPID: 'wx-test-app' }),
    };
    const result = await callBundle(identity, { action: 'me', payload: {} }, null, context);
    expect(result.ok).toBe(true);
    expect(result.data.nickname).toBe('刘老先生');
  });

  it('writes go through the SDK too, and a call without OPENID is UNAUTHENTICATED', async () => {
    const identity = reports.find((r) => r.name === 'identity');
    if (!identity) throw new Error('identity bundle missing');
    const updated = await callBundle(
      identity,
      { action: 'updateProfile', payload: { nickname: '云端昵称' } },
      'demo-resident',
    );
    expect(updated.ok).toBe(true);
    expect((await loopback.backing.get<{ _id: string; nickname: string }>('users', 'user-resident'))?.nickname).toBe(
      '云端昵称',
    );

    const anonymous = await callBundle(identity, { action: 'me', payload: {} }, null);
    expect(anonymous).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('a first-time WeChat user gets an account through a transaction on the SDK', async () => {
    const identity = reports.find((r) => r.name === 'identity');
    if (!identity) throw new Error('identity bundle missing');
    const result = await callBundle(identity, { action: 'me', payload: {} }, 'wx-brand-new-openid');
    expect(result.ok).toBe(true);
    expect(result.data.privacy.needsConsent).toBe(true);
    expect(await loopback.backing.get('identities', 'wx-brand-new-openid')).not.toBeNull();
    expect(loopback.actionCounts()['database.commitTransaction']).toBeGreaterThan(0);
  });
});
