import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * What a page says when it cannot show its content (components/StateView), and two places the UX
 * walk found words cut off in 长辈版. A refusal offers the way back (asking again changes nothing);
 * a network failure offers 重试 and recovers; the picture sits centred over its words.
 */
describe('h5 in Chromium: refused, failed and recovered pages; 长辈版 report cards and case steps', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** How far the error picture's centre is from the centre of the words under it (px). */
  const offCentre = (page: Page) =>
    page.evaluate(() => {
      const view = [...document.querySelectorAll<HTMLElement>('[data-testid="state-error"]')].find(
        (el) => el.offsetParent !== null,
      );
      const image = view?.querySelector('.state-image')?.getBoundingClientRect();
      const title = view?.querySelector('.nut-empty-title')?.getBoundingClientRect();
      if (!image || !title) return Number.POSITIVE_INFINITY;
      return Math.abs(image.left + image.width / 2 - (title.left + title.width / 2));
    });

  it('a page the person may not see: the refusal in Chinese, 返回 (no 重试), and 返回 leads home', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/tips/desk/index`);
    const state = page.locator('[data-testid="state-error"][data-code="FORBIDDEN"]');
    await expectVisible(state);
    await expectVisible(state.getByText('加载失败'));
    await expectVisible(state.getByText(/权限/));
    expect(await state.locator('.nut-button', { hasText: '重试' }).count()).toBe(0);
    expect(await offCentre(page)).toBeLessThan(2);
    await e2e.screenshot(page, 'state-refused');
    await state.locator('.nut-button', { hasText: '返回' }).click();
    await page.waitForURL(/pages\/index\/index/);
    await page.context().close();
  });

  it('the network fails: 重试 is offered, and once the network is back it shows the page', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.route('**/api/functions/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${e2e.baseUrl}/#/packages/council/notices/index`);
    const state = page.locator('[data-testid="state-error"][data-code="NETWORK"]');
    await expectVisible(state);
    await expectVisible(state.getByText(/网络/));
    expect(await offCentre(page)).toBeLessThan(2);
    await page.unroute('**/api/functions/**');
    await state.locator('.nut-button', { hasText: '重试' }).click();
    await expectVisible(page.getByText('老旧小区改造').first());
    await page.context().close();
  });

  it('a disabled button is one grey button, its label not a pink box inside it', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/council/propose/index`);
    const submit = page.locator('.nut-button', { hasText: '提交议题' });
    await expectVisible(submit);
    const colours = await submit.evaluate((button) => ({
      disabled: button.className.includes('disabled'),
      label: getComputedStyle(button.querySelector('.nut-button-children') as Element).backgroundColor,
    }));
    expect(colours).toEqual({ disabled: true, label: 'rgba(0, 0, 0, 0)' });
    await page.context().close();
  });

  it('志愿服务时长证明: each activity in hours and minutes, as the total is (490 分钟 is 8 小时 10 分钟)', async () => {
    const page = await e2e.pageAs('demo-volunteer');
    await page.goto(`${e2e.baseUrl}/#/packages/volunteer/certificate/index`);
    await expectVisible(page.getByText(/社区义诊引导服务 8 小时 10 分钟/));
    const text = (await page.locator('.taro_page:visible').last().textContent()) ?? '';
    expect(text).not.toMatch(/\d{3,} 分钟/);
    await page.context().close();
  });

  async function carePhone(persona: string): Promise<Page> {
    const page = await e2e.pageAs(persona);
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    await page.getByTestId('care-switch').locator('.nut-switch').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('care'));
    return page;
  }

  it('长辈版 我的上报: when it was reported is never cut off, and the case number has its own line', async () => {
    const page = await carePhone('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/reports/mine/index`);
    const meta = page.getByTestId('report-meta');
    await expectVisible(meta);
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="report-meta"]')]
        .filter((line) => line.offsetParent !== null)
        .map((line) => {
          const time = line.querySelector('.report-card-time')?.getBoundingClientRect();
          return time ? time.right - line.getBoundingClientRect().right : Number.POSITIVE_INFINITY;
        }),
    );
    expect(cut.length).toBeGreaterThan(0);
    for (const overhang of cut) expect(overhang).toBeLessThanOrEqual(0.5);
    await expect(meta.first().textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await expectVisible(page.getByText(/^工单 XX-\d{8}-\d{4}$/));
    await e2e.screenshot(page, 'care-reports-mine');
    await page.context().close();
  });

  it('长辈版 事项详情: the four stages read top to bottom, each with its whole time', async () => {
    const page = await carePhone('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/reports/detail/index?id=report-demo-greenbelt`);
    const stages = page.getByTestId('report-stages');
    await expectVisible(stages);
    await expectVisible(stages.locator('.nut-steps-vertical'));
    const cut = await stages.evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('.nut-step-title, .nut-step-description')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth)
        .map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
    await expect(stages.textContent()).resolves.toMatch(/受理.*\d{1,2}月\d{1,2}日/);
    await page.context().close();
  });
});
