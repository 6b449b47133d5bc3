import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * Issue 19: h5 renders Taro's HTML components (`h5.useHtmlComponents`), not Stencil web components
 * that hydrate one task at a time after React's commit; and NutUI's ARIA (`ariaRole`, `ariaChecked`)
 * still reaches the DOM as `role` / `aria-*` through src/h5/View.ts.
 */
describe('h5 in Chromium: HTML components with working ARIA', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the home has no Stencil view, text or button element to hydrate', async () => {
    const page = await e2e.pageAs('demo-resident');
    await expectVisible(page.getByTestId('home-community').getByText('您好，张阿姨'));
    await expectVisible(page.locator('.nut-grid-item').first());
    const stencil = await page.evaluate(
      () => document.querySelectorAll('taro-view-core, taro-text-core, taro-button-core, taro-image-core').length,
    );
    const divs = await page.evaluate(() => document.querySelectorAll('.taro_page div').length);
    console.log(`home: ${stencil} Stencil elements, ${divs} divs`);
    expect(stencil).toBe(0);
    expect(divs).toBeGreaterThan(20);
  });

  it('NutUI’s switch is a switch to a screen reader, and says when it is on', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    const toggle = page.getByTestId('care-switch').locator('.nut-switch');
    await expectVisible(toggle);
    expect(await toggle.getAttribute('role')).toBe('switch');
    expect(await toggle.getAttribute('aria-label')).toBe('关怀模式');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    // The mini-program spelling must not leak as attributes nobody reads.
    expect(await toggle.getAttribute('ariarole')).toBeNull();
    await toggle.click();
    await page.waitForFunction(() => document.documentElement.classList.contains('care'));
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expectVisible(page.getByRole('switch', { name: '关怀模式', checked: true }));
  });
});
