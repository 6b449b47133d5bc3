import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

describe('h5 in Chromium: sign in as a persona and see their home page', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the persona picker leads a resident to their community and entries', async () => {
    const page = await e2e.pageAs('demo-resident');
    const hero = page.getByTestId('home-community');
    await expectVisible(hero.getByText('您好，张阿姨'));
    await expectVisible(hero.getByText('南宁街道 · 潇湘社区 · 潇湘第一网格'));
    await expectVisible(hero.getByText('居民'));
    await e2e.screenshot(page, 'home-resident');
  });

  it('staff see their staff role on the home page and their masked phone on the profile', async () => {
    const page = await e2e.pageAs('demo-staff');
    await expectVisible(page.getByTestId('home-community').getByText('社区工作者'));
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    await expectVisible(page.getByTestId('me-nickname'));
    expect(await page.getByTestId('me-nickname').textContent()).toBe('陈书记');
    await expectVisible(page.getByText('138****0004'));
  });
});
