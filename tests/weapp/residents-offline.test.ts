import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

describe('随手拍 offline in the weapp: the photo kept on the phone, the report filed once when the network returns', () => {
  let weapp: Weapp;
  const PROBLEM = '8 栋后面化粪池盖板裂了，小孩在旁边玩很危险。';
  journeyApp({ persona: 'demo-resident' }, { name: 'residents-offline', journey: '离线上报' }, (app) => {
    weapp = app;
  });
  const filed = async () =>
    (
      await weapp.loopback.backing.find<{ _id: string; description: string; photos: string[]; caseNo: string }>(
        'reports',
        { reporterUserId: 'user-resident' },
        { limit: 1000 },
      )
    ).filter((r) => r.description === PROBLEM);

  it('offline: photo kept, report queued under one key; online again: uploaded and filed exactly once', async () => {
    await weapp.open('pages/report/index');
    await weapp.waitForText('问题类别');
    weapp.setOnline(false);
    await weapp.waitForText('当前没有网络');
    await weapp.tap('+');
    await weapp.waitForText('待上传');
    await weapp.tap('环境卫生');
    await weapp.type(0, PROBLEM, 'textarea');
    await weapp.type(0, '潇湘社区 8 栋后面', 'input');
    await weapp.tap('提交上报');
    await weapp.waitForText('有 1 件上报等待网络');
    // Told in the app's one dialog (components/confirm.tsx), answered with its only button.
    await weapp.waitForText('网络恢复后会自动提交，不会重复');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '知道了');
    expect(await filed()).toHaveLength(0);
    const queue = (globalThis as unknown as { wx: { getStorageSync(k: string): unknown } }).wx.getStorageSync(
      'gongzhi.report.queue',
    ) as Array<{ payload: { idempotencyKey: string } }>;
    expect(queue).toHaveLength(1);

    weapp.setOnline(true);
    const started = Date.now();
    while ((await filed()).length === 0 && Date.now() - started < 15_000) await weapp.settle();
    await weapp.settle();
    expect(weapp.record.toasts.map((t) => t.title)).toContain('网络已恢复，已提交 1 件上报');
    expect(weapp.text()).not.toContain('等待网络');
    const reports = await filed();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.photos).toHaveLength(1);
    expect(reports[0]?.photos[0]).toMatch(/^cloud:\/\//);
    expect(reports[0]?.caseNo).toMatch(/^XX-\d{8}-\d{4}$/);

    // The network flapping files nothing more.
    weapp.setOnline(false);
    weapp.setOnline(true);
    await weapp.settle(300);
    expect(await filed()).toHaveLength(1);
    expect(weapp.record.missing).toEqual([]);
  });
});
