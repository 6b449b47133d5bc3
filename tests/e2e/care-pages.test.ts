import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARE_TAP_TARGETS } from '../support/care-targets';
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
  // Walked as the people who work them, not as a resident who only meets their refusal.
  'packages/services/window/index',
  'packages/services/seals/index',
  'packages/tips/desk/index',
  'packages/tips/officers/index',
  'packages/sages/review/index',
]);
const PERSONA: Record<string, string> = {
  'packages/admin/places/index': 'demo-admin',
  'packages/sages/terms/index': 'demo-admin',
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
  return page.evaluate((shared) => {
    const selector = [
      ...shared,
      '.nut-tabbar-item',
      '.nut-step',
      '[role="button"]',
      '[role="radio"]',
      '[role="tab"]',
      'input:not([type="hidden"]):not([type="file"])',
      // Taro 4's h5 tab items (taro-tabbar__tabbar-item was an older name that matched nothing).
      '.weui-tabbar__item',
      '[role="link"]',
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
    // A line of words ending in › is a text link (查看监督对象 ›): it is tapped, so the box that takes
    // the tap (itself, or the link or button it sits in) is 44 px tall whatever its font.
    for (const root of shown) {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.offsetParent === null) continue;
        const own = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
        if (!own.endsWith('›')) continue;
        const target = el.closest<HTMLElement>('[role="link"], [role="button"], .nut-button, .nut-cell') ?? el;
        const rect = target.getBoundingClientRect();
        if (rect.height < 44 - 0.5) bad.push(`text link 「${own.slice(0, 12)}」 ${Math.round(rect.height)} px tall`);
      }
    }
    return bad;
  }, CARE_TAP_TARGETS);
}

/**
 * What an older reader meets in the page's words (tabs and the navigation bar included): text under
 * 18 px (长辈版 body is 19 px), a date written 2026-01-05 (the app writes 2026年1月5日), and text cut
 * off without an ellipsis or running past the screen's edge. An ellipsis on a one-line preview
 * (a report's description) is a choice; a line clipped mid-word is not. Map labels (SVG) are
 * measured at their size on screen. A disabled button that does not say why. A character drawn as
 * an empty box.
 */
async function unreadable(
  page: Page,
): Promise<{ small: string[]; dates: string[]; clipped: string[]; silent: string[]; tofu: string[] }> {
  return page.evaluate(() => {
    // The pages on screen and the tab bar (Taro's h5 tab bar lives outside every page; hidden on
    // pages that are not tabs, where offsetParent is null and it is skipped).
    const shown = [
      ...[...document.querySelectorAll<HTMLElement>('.taro_page')].filter(
        (p) => getComputedStyle(p).display !== 'none',
      ),
      ...document.querySelectorAll<HTMLElement>('.taro-tabbar__tabbar'),
    ];
    const width = document.documentElement.clientWidth;
    const small = new Set<string>();
    const dates = new Set<string>();
    const clipped = new Set<string>();
    const name = (el: Element) => `.${[...el.classList].slice(0, 2).join('.') || el.tagName}`;
    for (const root of shown) {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.offsetParent === null || el.closest('svg')) continue;
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent?.trim() ?? '')
          .join('');
        if (!text) continue;
        const style = getComputedStyle(el);
        const size = Number.parseFloat(style.fontSize);
        if (size < 18 - 0.01) small.add(`「${text.slice(0, 10)}」 ${size}px ${name(el)}`);
        if (/\d{4}-\d{2}-\d{2}/.test(text)) dates.add(`「${text.slice(0, 24)}」 ${name(el)}`);
        const cut =
          el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible' && style.textOverflow !== 'ellipsis';
        if (cut || el.getBoundingClientRect().right > width + 1) clipped.add(`「${text.slice(0, 12)}」 ${name(el)}`);
      }
      // A map's labels drawn in an SVG scale with the drawing: what counts is the size on screen.
      for (const label of root.querySelectorAll<SVGTextElement>('svg text')) {
        const svg = label.ownerSVGElement;
        const box = svg?.viewBox.baseVal;
        if (!svg || !box || box.width === 0 || svg.getBoundingClientRect().width === 0) continue;
        const size =
          Number.parseFloat(getComputedStyle(label).fontSize) * (svg.getBoundingClientRect().width / box.width);
        if (size < 18 - 0.01) small.add(`「${(label.textContent ?? '').slice(0, 10)}」 ${size.toFixed(1)}px svg text`);
      }
    }
    // A character no installed font has is drawn as an empty box (an emoji without a colour-emoji
    // font: 🎤 按一下说话). Each distinct character outside ASCII and the CJK block is drawn on a
    // canvas in the page's font and compared with a code point no font has.
    const tofu = new Set<string>();
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 48;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    if (g) {
      const font = `24px ${getComputedStyle(document.body).fontFamily}`;
      const draw = (ch: string) => {
        g.clearRect(0, 0, 48, 48);
        g.font = font;
        g.fillText(ch, 4, 34);
        return g.getImageData(0, 0, 48, 48).data.join('');
      };
      const missing = draw('\u{10FFFD}');
      const seen = new Set<string>();
      for (const root of shown) {
        if (root.offsetParent === null && !root.classList.contains('taro_page')) continue;
        // biome-ignore lint/performance/useDomNodeTextContent: only the text on screen is drawn (hidden pages' is not).
        for (const ch of root.innerText) {
          if (ch.charCodeAt(0) < 0x80 || /[\u4e00-\u9fff\s]/u.test(ch) || seen.has(ch)) continue;
          seen.add(ch);
          if (draw(ch) === missing) tofu.add(`「${ch}」 U+${ch.codePointAt(0)?.toString(16).toUpperCase()}`);
        }
      }
    }
    // A button that cannot be pressed says why beside it (components/ui WhyDisabled), unless its own
    // label is the reason (已支持, 已报名: done already).
    const silent = new Set<string>();
    for (const root of shown) {
      for (const button of root.querySelectorAll<HTMLElement>('.nut-button-disabled')) {
        if (button.offsetParent === null) continue;
        const label = (button.textContent ?? '').trim();
        if (label.startsWith('已')) continue;
        const near = [button.parentElement, button.parentElement?.parentElement].some((el) =>
          [...(el?.querySelectorAll<HTMLElement>('.why-disabled') ?? [])].some((why) => why.offsetParent !== null),
        );
        if (!near) silent.add(`「${label.slice(0, 10)}」`);
      }
    }
    return { small: [...small], dates: [...dates], clipped: [...clipped], silent: [...silent], tofu: [...tofu] };
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

describe('h5 in Chromium: 长辈版 on every registered page — every control at least 44 × 44 px, text at least 18 px and uncut, dates in words, no serious axe finding', () => {
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
    const hardToRead: string[] = [];
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
      const words = await unreadable(page);
      for (const bad of words.small) hardToRead.push(`${registered}: small text ${bad}`);
      for (const bad of words.dates) hardToRead.push(`${registered}: date as digits ${bad}`);
      for (const bad of words.clipped) hardToRead.push(`${registered}: cut off ${bad}`);
      for (const bad of words.silent) hardToRead.push(`${registered}: disabled without a reason ${bad}`);
      for (const bad of words.tofu) hardToRead.push(`${registered}: a character no font has (drawn as a box) ${bad}`);
      if (registered === 'packages/greencoin/shop/index') {
        await page.screenshot({ path: '/work/brief/shots/residents-care-shop.png', fullPage: true });
      }
      if (persona === '') await page.context().close();
    }
    console.log(
      `care walk: ${pages.length} pages, ${offenders.length} small controls, ${inaccessible.length} serious axe findings, ${hardToRead.length} hard to read\n${[...offenders, ...inaccessible, ...hardToRead].join('\n')}`,
    );
    expect
      .soft(hardToRead, 'text under 18 px, dates as digits, text cut off, disabled buttons that do not say why')
      .toEqual([]);
    expect.soft(inaccessible, 'serious or critical axe violations').toEqual([]);
    expect(offenders).toEqual([]);
  }, 480_000);
});
