import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Weapp } from './runtime';

// One app, WeChat's font enlarged to 1.3 (关怀模式 turns on from 1.15): every route is opened.
describe('every page of the weapp build in WeChat’s component framework, in care mode', () => {
  let weapp: Weapp;
  beforeAll(async () => {
    weapp = await Weapp.start({ persona: 'demo-staff', fontSizeScaleFactor: 1.3 });
  });
  afterAll(() => weapp?.close());

  it('home renders the signed-in person from the built identity bundle', async () => {
    const from = weapp.setData.length;
    const started = performance.now();
    await (globalThis as any).wx.reLaunch({ url: '/pages/index/index' });
    await weapp.waitForText('陈书记');
    // Figures for npm run bench: the first render at launch, and a warm relaunch until the data shows.
    weapp.writeFigures('home', {
      journey: '首页',
      firstRenderMs: Math.round(weapp.homeFirstRenderMs),
      relaunchToDataMs: Math.round(performance.now() - started),
      ...weapp.figures(from),
    });
    expect(weapp.record.calls).toContainEqual({ name: 'identity', action: 'me' });
  });

  it('each route renders, in care mode, with no missing template and no API outside the simulated surface', async () => {
    const routes = weapp.routes();
    const empty: string[] = [];
    const withoutCare: string[] = [];
    for (const route of routes) {
      await (globalThis as any).wx.reLaunch({ url: `/${route}` });
      await weapp.settle();
      if (weapp.text().length === 0) empty.push(route);
      const roots = weapp.find('.main--page');
      if (roots.length === 0 || !roots.every((el) => /\bmain--care\b/.test(el.getAttribute('class') ?? '')))
        withoutCare.push(route);
    }
    console.log(`${routes.length} routes opened in care mode`);
    expect(weapp.warnings.filter((w) => /Template/.test(w))).toEqual([]);
    expect(weapp.record.missing).toEqual([]);
    expect(empty).toEqual([]);
    expect(withoutCare).toEqual([]);
  });

  it('a first-time WeChat user is asked for privacy consent before anything but identity is called', async () => {
    await weapp.settle();
    const from = weapp.record.calls.length;
    await weapp.as('wx-first-time-user');
    await weapp.waitForText('个人信息保护提示');
    // Until the person agrees, only identity may be asked (who is this, which notice applies).
    const beforeConsent = weapp.record.calls.slice(from).map((c) => `${c.name}.${c.action}`);
    expect(beforeConsent).toEqual(['identity.me']);
    const asked = weapp.record.calls.length;
    await weapp.tap('同意并继续');
    await weapp.waitForText('还没有选择所在社区');
    expect(weapp.text()).not.toContain('个人信息保护提示');
    const afterConsent = weapp.record.calls.slice(asked).map((c) => `${c.name}.${c.action}`);
    expect(afterConsent[0]).toBe('identity.acceptPrivacy');
    expect(afterConsent).toContain('inbox.unreadCount');
    expect(weapp.find('.main--page')[0]?.getAttribute('class')).toMatch(/\bmain--care\b/);
  });
});
