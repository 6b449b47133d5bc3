import { describe, expect, it } from 'vitest';
import { type CareFindings, checkCare, styleTree } from './care-check';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

/**
 * 长辈版 in the weapp build, walked as a 70-year-old: switched on in 我的 as a resident does, then
 * the pages each persona uses, every one measured from its rendered WXML and the built WXSS
 * (care-check.ts) at 375 and 360 px wide: text at least 18 px, controls at least 44 px high, no English, machine dates or
 * ids, no disabled button without its reason; the failing network, the refusal and the empty list in
 * Chinese; and every toast shown whole (WeChat cuts a toast with an icon after 7 characters).
 */
const RESIDENT = [
  'pages/index/index',
  'pages/report/index',
  'packages/reports/mine/index',
  'packages/reports/detail/index?id=report-demo-greenbelt',
  'packages/greencoin/wallet/index',
  'packages/greencoin/shop/index',
  'packages/council/notices/index',
  'packages/council/meeting/index?id=meeting-demo-renovation',
  'packages/council/topics/index',
  'packages/council/disclosure/index?id=disclosure-demo-rental-resolution',
  'packages/council/board/index',
];
const VOLUNTEER = [
  'packages/volunteer/activities/index',
  'packages/volunteer/activity/index?id=tb-act-reading',
  'packages/volunteer/me/index',
  'packages/volunteer/services/index',
];
const STAFF = [
  'pages/index/index',
  'packages/reports/queue/index',
  'packages/greencoin/queue/index',
  'packages/volunteer/staff/index',
  'packages/council/manage/index',
  'packages/safety/evaluate/index?unitId=safety-unit-garden',
];
const SAGE = ['pages/index/index', 'packages/council/opinions/index', 'packages/council/procedures/index'];

/** The narrowest common Android phone (360 dp): 36 rpx there is 17.3 px. */
const NARROW = 360;

const listed = (route: string, f: CareFindings): string[] => [
  ...f.small.map((x) => `${route}: small text ${x}`),
  ...f.targets.map((x) => `${route}: target under 44 px ${x}`),
  ...f.words.map((x) => `${route}: ${x}`),
  ...f.silent.map((x) => `${route}: disabled without a reason ${x}`),
];

describe('长辈版 in the weapp runtime: a 70-year-old’s pages measured from the rendered WXML and the built WXSS', () => {
  let weapp: Weapp;
  journeyApp({ persona: 'demo-resident' }, { name: 'care', journey: '长辈版' }, (app) => {
    weapp = app;
  });

  /**
   * The page on the 375 px design phone and on a 360 px Android phone, where rpx shrinks everything
   * by 4 % (config/postcss-care-floor.cjs keeps 长辈版 and 44 px targets from shrinking).
   */
  const measure = (): string[] => {
    const tree = styleTree(weapp.page.dom);
    return [375, NARROW].flatMap((width) =>
      listed(`${weapp.page.route} @${width}px`, checkCare(weapp.page.route, tree, width)),
    );
  };

  /** 我的 → 关怀模式 switch, as a person turns it on (WeChat's font left at its default). */
  async function turnCareOn() {
    await weapp.open('pages/me/index');
    await weapp.waitForText('关怀模式');
    await weapp.tapElement(weapp.find('.main--nut-switch')[0] as HTMLElement);
    await weapp.waitForText('大字体、大按钮');
    for (let i = 0; i < 20 && !/\bmain--care\b/.test(weapp.classes()[0] ?? ''); i++) await weapp.settle(30);
    expect(weapp.find('.main--page')[0]?.getAttribute('class')).toMatch(/\bmain--care\b/);
  }

  async function home() {
    await (globalThis as any).wx.reLaunch({ url: '/pages/index/index' });
    await weapp.settle();
  }

  async function walk(urls: string[], wanted: (url: string) => string | undefined = () => undefined) {
    const found: string[] = [];
    for (const url of urls) {
      await weapp.open(url);
      const text = wanted(url);
      if (text) await weapp.waitForText(text);
      expect(weapp.find('.main--page')[0]?.getAttribute('class'), url).toMatch(/\bmain--care\b/);
      found.push(...measure());
      // Back to where she came from, as a person does (WeChat keeps at most 10 pages open).
      if (weapp.stack.length > 1) await (globalThis as any).wx.navigateBack({ delta: weapp.stack.length - 1 });
      await weapp.settle();
    }
    return found;
  }

  it('the checker goes red on a known-bad page: the home in the standard mode has text under 18 px', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('pages/me/index');
    await weapp.waitForText('关怀模式');
    const standard = checkCare(weapp.page.route, weapp.page.dom);
    // NutUI's grid labels are 12 px and the masked phone 14 px when 长辈版 is off.
    expect(standard.small.length).toBeGreaterThan(5);
    expect(standard.small.join('\n')).toMatch(/我的上报.* 12px/);
    // …and the care switch itself is NutUI's 28 px high track.
    expect(standard.targets.join('\n')).toMatch(/nut-switch \d+×28/);
  });

  it('the checker reads machine words a person should not meet', () => {
    const page = document.createElement('main');
    page.innerHTML =
      '<wx-view class="main--page main--care"><wx-view class="main--muted">提交于 2026-12-01T08:00:00.000Z</wx-view>' +
      '<wx-view class="main--muted">处理人 user-gridworker</wx-view><wx-view class="main--muted">状态 PENDING</wx-view>' +
      '<wx-view class="main--muted">领取码 XXXX-XXXX</wx-view></wx-view>';
    const words = checkCare('pages/index/index', page).words.join('\n');
    for (const what of ['date as digits', 'raw ISO time', 'id 「user-gridworker」', 'code 「PENDING」'])
      expect(words).toContain(what);
    expect(words).not.toContain('XXXX');
  });

  it('a resident turns 长辈版 on in 我的; home, 随手拍, 绿币, 议事 and 公开 keep to it', async () => {
    await turnCareOn();
    expect(measure()).toEqual([]);
    const found = await walk(RESIDENT, (url) =>
      url.includes('detail/index') ? '工单编号' : url.includes('shop') ? '毛巾两条装' : undefined,
    );
    expect(found).toEqual([]);
  });

  it('her redemption is asked in a care-sized dialog and every toast is shown whole', async () => {
    await home();
    await weapp.open('packages/greencoin/shop/index');
    await weapp.waitForText('毛巾两条装');
    await weapp.tapIn(weapp.card('.main--gc-item', '毛巾两条装'), '兑换');
    await weapp.waitForText('共需');
    expect(measure()).toEqual([]);
    // The network drops her first 确认兑换: she is told in Chinese, on two lines, and the dialog stays.
    weapp.dropCalls((name, data) => name === 'greencoin' && data.action === 'redeem.request', 1);
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确认兑换');
    expect(weapp.record.toasts.at(-1)).toMatchObject({ title: '网络不给力，请检查网络后重试', icon: 'none' });
    expect(weapp.text()).toContain('共需');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确认兑换');
    await weapp.waitForText('毛巾两条装 ×1');
    await weapp.tapExact('取消申请');
    await weapp.waitForText('取消后冻结的绿币会退回');
    expect(measure()).toEqual([]);
    await weapp.tapExact('确定取消');
    await weapp.waitForText('已取消');
    const toasts = weapp.record.toasts.filter((t) => t.shown !== t.title).map((t) => `「${t.title}」→「${t.shown}」`);
    expect(weapp.record.toasts.length).toBeGreaterThanOrEqual(2);
    expect(toasts, 'toasts WeChat cuts short').toEqual([]);
  });

  it('a failed network, a refusal and an empty list say so in Chinese, at care sizes', async () => {
    await home();
    weapp.dropCalls((name, data) => name === 'reports' && data.action === 'mine', 1);
    await weapp.open('packages/reports/mine/index');
    await weapp.waitForText('加载失败');
    expect(weapp.text()).toContain('网络不给力');
    expect(weapp.text()).toContain('重试');
    expect(measure()).toEqual([]);
    await weapp.tapExact('重试');
    await weapp.waitForText('环境卫生');

    await weapp.open('packages/reports/queue/index');
    await weapp.waitForText('您没有权限进行此操作');
    expect(weapp.text()).toContain('返回');
    expect(measure()).toEqual([]);

    await weapp.open('packages/volunteer/mine/index');
    await weapp.waitForText('还没有报名活动');
    expect(measure()).toEqual([]);
  });

  it('a volunteer, staff at the workbench and a sage, each with 长辈版 on, meet no fault', async () => {
    const found: string[] = [];
    for (const [persona, urls] of [
      ['demo-volunteer', VOLUNTEER],
      ['demo-staff', STAFF],
      ['demo-sage', SAGE],
    ] as const) {
      await weapp.as(persona);
      // The same switch the resident used (as() cleared the phone): its stored choice, set directly.
      (globalThis as any).wx.setStorageSync('gongzhi.care', 'on');
      found.push(...(await walk(urls)).map((x) => `${persona} ${x}`));
    }
    expect(found).toEqual([]);
  });
});
