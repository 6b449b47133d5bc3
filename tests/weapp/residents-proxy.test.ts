import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

describe('代办 in the weapp: the helper’s QR code and share card; the resident says yes herself', () => {
  let weapp: Weapp;
  let invite = '';
  journeyApp({ persona: 'demo-volunteer' }, { name: 'residents-proxy', journey: '代办' }, (app) => {
    weapp = app;
  });

  it('the helper’s 代办 page shows a QR code and offers a share card that opens the invitation', async () => {
    await weapp.open('packages/care/proxy/index');
    await weapp.waitForText('我来帮家人代办');
    // The QR code is drawn on the phone (a GIF data URI, no network) once the helper's profile is in.
    const qrShown = () =>
      weapp.find('wx-image').some((img) => /^data:image\/gif;base64,/.test(String(weapp.prop(img, 'src'))));
    const started = Date.now();
    while (!qrShown() && Date.now() - started < 15_000) await weapp.settle(30, 2_000);
    expect(qrShown()).toBe(true);
    // The share button and the page's share handler (the 转发 menu appears only when it exists).
    expect(weapp.text()).toContain('分享给家人');
    expect(typeof weapp.page.instance.onShareAppMessage).toBe('function');
    const card = weapp.page.instance.onShareAppMessage?.({ from: 'button' }) as { title: string; path: string };
    expect(card.title).toBe('小李想帮您在「共治」上代办事情');
    expect(card.path).toBe(`/packages/care/proxy/index?agent=user-volunteer&name=${encodeURIComponent('小李')}`);
    // The user id is not asked of anyone: only behind 「没有二维码？」.
    expect(weapp.text()).not.toContain('user-volunteer');
    invite = card.path;
  });

  it('the resident opens the share card, sees who asks, and grants; the grant is hers, made by her', async () => {
    await weapp.as('demo-resident');
    await weapp.open(invite.slice(1));
    await weapp.waitForText('「小李」想帮您代办');
    await weapp.tap('同意授权');
    await weapp.waitForText('我授权的代办人');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已授权 小李');
    const grant = await weapp.loopback.backing.get<{
      _id: string;
      principalUserId: string;
      agentUserId: string;
      active: boolean;
    }>('proxy_grants', 'user-resident:user-volunteer');
    expect(grant).toMatchObject({ principalUserId: 'user-resident', agentUserId: 'user-volunteer', active: true });
  });

  it('or she scans the helper’s QR code with 扫码授权 (a QR code only; anything else is refused)', async () => {
    await weapp.as('demo-gridworker');
    await weapp.open('packages/care/proxy/index');
    await weapp.waitForText('扫码授权');
    weapp.willScan('https://example.com/not-ours');
    await weapp.tap('扫码授权');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('这不是代办二维码');
    weapp.willScan(invite);
    await weapp.tap('扫码授权');
    await weapp.waitForText('「小李」想帮您代办');
    expect(weapp.record.scans.at(-1)).toMatchObject({ scanType: ['qrCode'], result: invite });
    await weapp.tap('同意授权');
    await weapp.waitForText('我授权的代办人');
    const grant = await weapp.loopback.backing.get<{ _id: string; active: boolean }>(
      'proxy_grants',
      'user-gridworker:user-volunteer',
    );
    expect(grant?.active).toBe(true);
  });
});
