import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photo, reportInput } from '../functions/reports.support';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * What the last 长辈版 walk left, walked again in Chromium at 375 px: who speaks to a resident carries
 * the role the server verified (a resident named 陈书记 does not), the map's grids are named in
 * page text, 查看监督对象 › is a 44 px target, and 按一下说话 draws an icon, not a missing glyph.
 */
const SHOTS = '/work/shots5/uxleft';

describe('h5 in Chromium, 长辈版: the walk’s leftovers', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** Signed in, 长辈版 on (kept on the phone as the 我的 switch keeps it). */
  async function carePhone(persona: string): Promise<Page> {
    const page = await e2e.pageAs(persona);
    await page.evaluate(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('care'));
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('a report’s progress names 社区工作者 and 网格员 beside their names; the resident who calls themselves 陈书记 has no badge', async () => {
    await e2e.as('demo-resident').ok('identity', 'updateProfile', { nickname: '陈书记' });
    const { id } = await e2e.as('demo-resident').ok('reports', 'submit', await reportInput(e2e));
    await e2e.as('demo-staff').ok('reports', 'dispatch', { reportId: id, assigneeUserId: 'user-gridworker' });
    await e2e.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    await e2e.as('demo-gridworker').ok('reports', 'start', { reportId: id });
    await e2e.as('demo-gridworker').ok('reports', 'resolve', {
      reportId: id,
      answer: '已联系环卫公司清运。',
      photos: [await photo(e2e, 'demo-gridworker')],
    });

    const page = await carePhone('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/reports/detail/index?id=${id}`);
    const timeline = page.getByTestId('report-timeline');
    await expectVisible(timeline);
    const rows = timeline.getByTestId('timeline-actor');
    // Newest first: 办结, 开始办理, 受理 by the grid worker, 派单 by the staff member 陈书记, 提交 by the resident 陈书记.
    await expect.poll(() => rows.count()).toBe(5);
    const badges = async (i: number) => rows.nth(i).getByTestId('speaker-badge').allTextContents();
    for (const i of [0, 1, 2]) expect(await badges(i)).toEqual(['网格员']);
    expect(await badges(3)).toEqual(['社区工作者']);
    expect(await rows.nth(3).textContent()).toContain('陈书记');
    expect(await rows.nth(4).textContent()).toContain('陈书记');
    expect(await badges(4)).toEqual([]);
    // The answer names who gave it, with the same badge.
    expect(await page.getByTestId('report-answer-by').textContent()).toBe('答复人：王网格网格员');
    expect(await page.getByTestId('report-assignee').getByTestId('speaker-badge').textContent()).toBe('网格员');
    // The badge reads at 长辈版's size.
    const size = await rows
      .nth(0)
      .getByTestId('speaker-badge')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);

    // The map: its grid numbered in page pixels and named below, no 12 px name inside the drawing.
    const map = page.getByTestId('report-map');
    await expectVisible(map.getByTestId('grid-map-legend'));
    expect(await map.locator('svg text').count()).toBe(0);
    expect(await map.getByTestId('grid-map-legend').textContent()).toContain('潇湘第一网格');
    await map.screenshot({ path: `${SHOTS}/report-detail-map-care.png` });
    await timeline.scrollIntoViewIfNeeded();
    await shot(page, 'report-detail-care');
  });

  it('the report page’s map numbers and names every grid; 按一下说话 shows NutUI’s microphone, not the 🎤 emoji', async () => {
    const page = await carePhone('demo-resident');
    await page.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    const voice = page.getByTestId('report-voice');
    await expectVisible(voice);
    expect(await voice.textContent()).not.toContain('🎤');
    expect(await voice.locator('.nut-icon, svg, img').count()).toBeGreaterThan(0);
    // The tab bar's labels are 18 px in 长辈版 and each tab a 44 px target.
    const tabs = await page.locator('.taro-tabbar__tabbar .weui-tabbar__item').evaluateAll((els) =>
      els.map((el) => {
        const label = el.querySelector<HTMLElement>('.weui-tabbar__label');
        const r = el.getBoundingClientRect();
        return { size: label ? Number.parseFloat(getComputedStyle(label).fontSize) : 0, w: r.width, h: r.height };
      }),
    );
    expect(tabs).toHaveLength(3);
    for (const tab of tabs) {
      expect(tab.size).toBeGreaterThanOrEqual(18);
      expect(Math.min(tab.w, tab.h)).toBeGreaterThanOrEqual(44);
    }
    // Every grid of the community named below the map, its number on the drawing not covering another's.
    const map = page.getByTestId('report-map');
    await expectVisible(map.getByTestId('grid-map-legend'));
    const legend = (await map.getByTestId('grid-map-legend').textContent()) ?? '';
    for (const grid of ['潇湘第一网格', '潇湘第二网格']) expect(legend).toContain(grid);
    expect(await map.locator('svg text').count()).toBe(0);
    const numbers = await map.locator('.grid-map-number').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { l: r.left, r: r.right, t: r.top, b: r.bottom, size: Number.parseFloat(getComputedStyle(el).fontSize) };
      }),
    );
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    for (const [i, a] of numbers.entries()) {
      expect(a.size).toBeGreaterThanOrEqual(18);
      for (const b of numbers.slice(i + 1)) expect(a.r <= b.l || b.r <= a.l || a.b <= b.t || b.b <= a.t).toBe(true);
    }
    await map.screenshot({ path: `${SHOTS}/report-page-map-care.png` });
    await shot(page, 'report-page-care');
    await voice.screenshot({ path: `${SHOTS}/report-voice-care.png` });
  });

  it('乡贤: 查看监督对象 › is a 44 px row; the answer carries 社区工作者 and the opinion 乡贤监督员', async () => {
    const opinion = await e2e.as('demo-sage').ok('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: 'meeting-demo-renovation',
      body: '建议公布改造资金的明细。',
    });
    await e2e
      .as('demo-staff')
      .ok('deliberation', 'opinion.answer', { opinionId: opinion.id, answer: '明细已在公开栏公布。' });
    const page = await carePhone('demo-sage');
    await page.goto(`${e2e.baseUrl}/#/packages/council/opinions/index`);
    await page.locator('.taro_page:visible .council-choice-item[data-value="answered"] .nut-button').click();
    const item = page.getByTestId('opinion-item').filter({ hasText: '建议公布改造资金的明细。' });
    await expectVisible(item);
    const link = item.getByRole('link', { name: '查看监督对象 ›' });
    const box = await link.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect(await item.getByTestId('speaker-badge').allTextContents()).toEqual(['乡贤监督员', '社区工作者']);
    await item.screenshot({ path: `${SHOTS}/opinion-item-care.png` });
    await link.click();
    await page.waitForURL(/packages\/council\/meeting\/index/);
  });

  it('a disclosure, a meeting’s minutes and an activity carry 社区工作者 beside who published, recorded and organises them', async () => {
    const page = await carePhone('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/council/disclosure/index?id=disclosure-demo-rental-resolution`);
    await expectVisible(page.getByTestId('disclosure-detail').getByTestId('speaker-badge'));
    expect(await page.getByTestId('disclosure-detail').getByTestId('speaker-badge').textContent()).toBe('社区工作者');
    await shot(page, 'disclosure-care');
    await page.goto(`${e2e.baseUrl}/#/packages/council/meeting/index?id=meeting-demo-renovation`);
    await expectVisible(page.getByText('记录于', { exact: false }));
    const minutesBadge = page.locator('.taro_page:visible').getByTestId('speaker-badge');
    await expectVisible(minutesBadge);
    expect(await minutesBadge.allTextContents()).toContain('社区工作者');
    await page.goto(`${e2e.baseUrl}/#/packages/volunteer/activity/index?id=tb-act-reading`);
    const organizer = page.getByTestId('activity-organizer');
    await expectVisible(organizer.getByTestId('speaker-badge'));
    expect(await organizer.textContent()).toBe('组织者：陈书记社区工作者');
  });
});
