import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const AXE = path.resolve(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on what is shown now, prints every finding, and returns the serious and critical ones. */
async function axe(page: Page, name: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const runner = (
      window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    // Taro keeps pages you left in the DOM, hidden: check the page on screen.
    const shown = [...document.querySelectorAll('.taro_page')].filter(
      (p) => (p as HTMLElement).offsetParent !== null || getComputedStyle(p).display !== 'none',
    );
    const context = { include: [...shown.map((p) => [p]), ['.taro-tabbar__tabbar']].filter((c) => c.length > 0) };
    const result = await runner.run(shown.length > 0 ? context : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  })) as AxeViolation[];
  console.log(
    `axe ${name}: ${violations.length} violation(s)` +
      violations
        .map(
          (v) =>
            `\n  [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}): ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        )
        .join(''),
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Text cut off on the visible page: containers narrower than their text, or text past the screen edge. */
async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.offsetParent === null || el.closest('.taro-tabbar__tabbar')) continue;
      const text = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent?.trim() ?? '')
        .join('');
      if (!text) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0) continue;
      const overflows = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
      // Rects are in screen pixels, zoom included, like the viewport width.
      const offScreen = rect.right > width + 1;
      if (overflows || offScreen) bad.push(`${text.slice(0, 20)} (${el.className || el.tagName})`);
    }
    if (document.documentElement.scrollWidth > width + 1)
      bad.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
    return bad;
  });
}

/** Controls smaller than 44×44 px on the visible page. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      '.nut-button, .nut-cell-clickable, .nut-grid-item, .nut-switch, .chip, [role="button"], .report-link, .photo-add, input, textarea, .weui-tabbar__item';
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.offsetParent === null && !el.closest('.taro-tabbar__tabbar')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.height < 44 || rect.width < 44)
        bad.push(
          `${(el.textContent ?? '').trim().slice(0, 12) || el.tagName} ${Math.round(rect.width)}×${Math.round(rect.height)} (${el.className})`,
        );
    }
    return bad;
  });
}

async function tab(page: Page, text: string, ready: string): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText(text, { exact: true }).click();
  await expectVisible(page.getByTestId(ready));
}

describe('h5 in Chromium: 关怀模式 and accessibility (axe-core) on the main pages', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the sign-in page has no serious or critical axe violations', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/#/pages/login/index`);
    await expectVisible(page.locator('[data-openid="demo-resident"]'));
    expect(await axe(page, 'login')).toEqual([]);
    await context.close();
  });

  it('home, 随手拍 and 我的 have no serious or critical axe violations', async () => {
    const page = await e2e.pageAs('demo-resident');
    await expectVisible(page.getByTestId('home-community'));
    expect(await axe(page, 'home')).toEqual([]);
    await tab(page, '随手拍', 'report-add-photo');
    expect(await axe(page, 'report')).toEqual([]);
    await tab(page, '我的', 'care-switch');
    expect(await axe(page, 'me')).toEqual([]);
  });

  it('care mode: switched on in 我的 and kept; big text and ≥ 44 px targets; a four-action home; nothing clipped at 200% text', async () => {
    const page = await e2e.pageAs('demo-resident');
    await tab(page, '我的', 'care-switch');
    await page.getByTestId('care-switch').locator('.nut-switch').click();
    await expect(page.evaluate(() => document.documentElement.classList.contains('care'))).resolves.toBe(true);
    // Kept on the phone: a reload comes back in care mode.
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.classList.contains('care'))).resolves.toBe(true);

    await tab(page, '首页', 'care-actions');
    expect(await page.getByTestId('care-actions').locator('.care-action').count()).toBe(4);
    for (const key of ['report', 'report-mine', 'messages', 'council-notices']) {
      await expectVisible(page.getByTestId(`care-action-${key}`));
    }
    const bodySize = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.querySelector('.page') as Element).fontSize),
    );
    expect(bodySize).toBeGreaterThanOrEqual(18);

    const pages: [string, string, string][] = [
      ['首页', 'care-actions', 'home'],
      ['随手拍', 'report-add-photo', 'report'],
      ['我的', 'care-switch', 'me'],
    ];
    for (const [label, ready, name] of pages) {
      await tab(page, label, ready);
      expect.soft(await smallTargets(page), `small targets on ${name}`).toEqual([]);
      expect.soft(await clippedText(page), `clipped text on ${name}`).toEqual([]);
      await e2e.screenshot(page, `care-${name}`);
    }

    // 200% text: the page zoomed twice over on top of care mode still wraps instead of clipping.
    await page.evaluate(() => {
      document.body.style.zoom = '2';
    });
    for (const [label, ready, name] of pages) {
      await tab(page, label, ready);
      expect.soft(await clippedText(page), `clipped text on ${name} at 200%`).toEqual([]);
      await e2e.screenshot(page, `care-200-${name}`);
    }
    expect(await axe(page, 'home (care)')).toEqual([]);
  });
});
