import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * Issue 19: the h5 home renders from the last-known profile (stale-while-revalidate) instead of
 * waiting for identity.me, and only for the session that was told it.
 */
describe('h5 home from the kept profile', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function signedIn(openid: string): Promise<BrowserContext> {
    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const token = e2e.runtime.login(openid);
    // Taro's h5 storage wraps values as {data}.
    // Once per browser profile: a later sign-in in it (the second case) must stand.
    await context.addInitScript((value) => {
      if (!localStorage.getItem('gongzhi.token'))
        localStorage.setItem('gongzhi.token', JSON.stringify({ data: value }));
    }, token);
    return context;
  }

  /** identity.me answers only when `release` is called: what shows before it came from storage. */
  async function holdIdentity(page: Page): Promise<() => void> {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/functions/identity', async (route) => {
      await held;
      await route.continue();
    });
    return release;
  }

  it('shows the greeting, community and entries before identity.me answers, on a later visit', async () => {
    const context = await signedIn('demo-resident');
    const first = await context.newPage();
    await first.goto(`${e2e.baseUrl}/#/pages/index/index`);
    await expectVisible(first.getByTestId('home-community').getByText('您好，张阿姨'), 30_000);
    await first.close();

    const page = await context.newPage();
    const release = await holdIdentity(page);
    await page.goto(`${e2e.baseUrl}/#/pages/index/index`);
    const hero = page.getByTestId('home-community');
    await expectVisible(hero.getByText('您好，张阿姨'), 30_000);
    await expectVisible(hero.getByText('南宁街道 · 潇湘社区 · 潇湘第一网格'));
    await expectVisible(page.getByText('常用功能'));
    release();
    await context.close();
  }, 90_000);

  it('never shows the kept profile to another session: a new sign-in waits for its own', async () => {
    const context = await signedIn('demo-resident');
    const first = await context.newPage();
    await first.goto(`${e2e.baseUrl}/#/pages/index/index`);
    await expectVisible(first.getByTestId('home-community').getByText('您好，张阿姨'), 30_000);
    // Someone else signs in on this browser (the persona picker saves a new token).
    const other = e2e.runtime.login('demo-staff');
    await first.evaluate((value) => localStorage.setItem('gongzhi.token', JSON.stringify({ data: value })), other);
    await first.close();

    const page = await context.newPage();
    const release = await holdIdentity(page);
    await page.goto(`${e2e.baseUrl}/#/pages/index/index`);
    await expectVisible(page.locator('[aria-busy="true"]'), 30_000);
    expect(await page.getByText('张阿姨').count()).toBe(0);
    release();
    await expectVisible(page.getByTestId('home-community').getByText('社区工作者'), 30_000);
    expect(await page.getByText('张阿姨').count()).toBe(0);
    await context.close();
  }, 90_000);
});
