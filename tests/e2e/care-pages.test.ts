import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';
import { registeredPages } from '../support/pages';

/**
 * 长辈版 on EVERY registered page: each opened as the persona who uses it (with a seeded id where the
 * page needs one), in care mode, and every tappable control measured. Fails listing each offender.
 */
const STAFF_PAGES = new Set([
  'packages/volunteer/confirm/index',
  'packages/volunteer/create/index',
  'packages/volunteer/queue/index',
  'packages/volunteer/staff/index',
  'packages/volunteer/checkin/index',
  'packages/volunteer/disputes/index',
  'packages/volunteer/settings/index',
  'packages/greencoin/score/index',
  'packages/greencoin/queue/index',
  'packages/greencoin/pickup/index',
  'packages/greencoin/goods/index',
  'packages/greencoin/pickupinfo/index',
  'packages/reports/queue/index',
  'packages/reports/stats/index',
  'packages/council/manage/index',
  'packages/council/create/index',
  'packages/council/minutes/index',
  'packages/council/start/index',
  'packages/council/publish/index',
  'packages/council/procedures/index',
  'packages/council/procedure/index',
  'packages/safety/queue/index',
  'packages/safety/evaluate/index',
  'packages/admin/dashboard/index',
  'packages/admin/roles/index',
]);
const PERSONA: Record<string, string> = {
  'packages/admin/places/index': 'demo-admin',
  'packages/council/opinions/index': 'demo-sage',
  'packages/volunteer/activities/index': 'demo-volunteer',
  'packages/volunteer/activity/index': 'demo-volunteer',
  'packages/volunteer/code/index': 'demo-volunteer',
  'packages/volunteer/me/index': 'demo-volunteer',
  'packages/volunteer/certificate/index': 'demo-volunteer',
  'packages/volunteer/mine/index': 'demo-volunteer',
  'packages/volunteer/services/index': 'demo-volunteer',
};
/** Query strings for pages that show one thing (seeded ids). */
const QUERY: Record<string, string> = {
  'packages/reports/detail/index': 'id=report-demo-greenbelt',
  'packages/council/meeting/index': 'id=meeting-demo-renovation',
  'packages/council/minutes/index': 'id=meeting-demo-renovation',
  'packages/council/publish/index': 'id=meeting-demo-draft',
  'packages/council/procedure/index': 'id=procedure-demo-rental',
  'packages/council/disclosure/index': 'id=disclosure-demo-rental-resolution',
  'packages/volunteer/activity/index': 'id=tb-act-reading',
  'packages/volunteer/code/index': 'id=tb-act-reading',
  'packages/volunteer/checkin/index': 'id=tb-act-reading',
  'packages/volunteer/confirm/index': 'id=tb-act-past-clinic',
  'packages/safety/evaluate/index': 'unitId=safety-unit-garden',
  'packages/safety/mine/index': '',
};
const personaFor = (page: string) =>
  PERSONA[page] ?? (STAFF_PAGES.has(page) ? 'demo-staff' : page === 'pages/login/index' ? '' : 'demo-resident');

/** Every control a finger may tap that is smaller than 44 × 44 px on the page on screen (tab bar included). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      '.nut-button',
      '.nut-cell-clickable',
      '.nut-grid-item',
      '.nut-switch',
      '.nut-checkbox',
      '.nut-radio',
      '.nut-inputnumber-minus',
      '.nut-inputnumber-add',
      '.nut-tabs-titles-item',
      '.nut-searchbar-input',
      '.nut-tabbar-item',
      '.nut-step',
      '.chip',
      '.tab-chip',
      '[role="button"]',
      '[role="radio"]',
      '[role="tab"]',
      '.photo-add',
      '.photo-remove',
      'input:not([type="hidden"]):not([type="file"])',
      'textarea',
      '.taro-tabbar__tabbar-item',
    ].join(', ');
    const shown = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter(
      (p) => getComputedStyle(p).display !== 'none',
    );
    const roots: ParentNode[] = [...shown, ...document.querySelectorAll('.taro-tabbar__tabbar')];
    const bad: string[] = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll<HTMLElement>(selector)) {
        if (el.offsetParent === null && !el.closest('.taro-tabbar__tabbar')) continue;
        if (el.closest('.nut-step') && !el.classList.contains('nut-step')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        // A step of a stepper is information, not a control: only its height matters for reading.
        if (el.classList.contains('nut-step')) continue;
        if (rect.height < 44 - 0.5 || rect.width < 44 - 0.5) {
          const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 12) || el.tagName;
          bad.push(
            `${label} ${Math.round(rect.width)}×${Math.round(rect.height)} .${[...el.classList].slice(0, 2).join('.')}`,
          );
        }
      }
    }
    return bad;
  });
}

const AXE = path.resolve(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/** axe-core's serious and critical findings on the page on screen (hidden pages Taro keeps are skipped). */
async function seriousAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const runner = (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const shown = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none');
    const include = [
      ...shown.map((p) => [p]),
      ...[...document.querySelectorAll('.taro-tabbar__tabbar')].map((t) => [t]),
    ];
    const result = await runner.run(include.length > 0 ? { include } : document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
  });
}

describe('h5 in Chromium: 长辈版 on every registered page — every control at least 44 × 44 px, no serious axe finding', () => {
  let e2e: E2E;
  const signedIn = new Map<string, Page>();
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** One signed-in phone per persona, with care mode switched on in 我的 (kept on the phone). */
  async function phone(persona: string): Promise<Page> {
    const known = signedIn.get(persona);
    if (known) return known;
    const page = await e2e.pageAs(persona);
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    await expectVisible(page.getByTestId('care-switch'));
    await page.getByTestId('care-switch').locator('.nut-switch').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('care'));
    signedIn.set(persona, page);
    return page;
  }

  it('walks every page of app.config.ts', async () => {
    const pages = registeredPages();
    expect(pages.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    const inaccessible: string[] = [];
    for (const registered of pages) {
      const persona = personaFor(registered);
      let page: Page;
      if (persona === '') {
        const context = await e2e.browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
        page = await context.newPage();
        await page.addInitScript(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
      } else {
        page = await phone(persona);
      }
      const query = QUERY[registered];
      await page.goto(`${e2e.baseUrl}/#/${registered}${query ? `?${query}` : ''}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200);
      const care = await page.evaluate(() => document.documentElement.classList.contains('care'));
      if (!care) offenders.push(`${registered}: not in care mode`);
      for (const bad of await smallTargets(page)) offenders.push(`${registered} (${persona || 'signed out'}): ${bad}`);
      for (const bad of await seriousAxe(page)) inaccessible.push(`${registered}: ${bad}`);
      if (registered === 'packages/greencoin/shop/index') {
        await page.screenshot({ path: '/work/brief/shots/residents-care-shop.png', fullPage: true });
      }
      if (persona === '') await page.context().close();
    }
    console.log(
      `care walk: ${pages.length} pages, ${offenders.length} small controls, ${inaccessible.length} serious axe findings\n${[...offenders, ...inaccessible].join('\n')}`,
    );
    expect.soft(inaccessible, 'serious or critical axe violations').toEqual([]);
    expect(offenders).toEqual([]);
  }, 480_000);
});
