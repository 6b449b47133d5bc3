import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** WGS84 (what a browser reports) of a point that is GCJ-02 (28.2285, 112.9430): inside 潇湘第二网格. */
const PHONE_GPS = { latitude: 28.23201, longitude: 112.937553 };
const SHOTS = '/work/brief/shots';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `residents-${name}.png`), fullPage: true });
}

async function residentWithGps(e2e: E2E): Promise<Page> {
  const page = await e2e.pageAs('demo-resident');
  await page.context().grantPermissions(['geolocation'], { origin: e2e.baseUrl });
  await page.context().setGeolocation({ ...PHONE_GPS, accuracy: 20 });
  return page;
}

describe('h5 in Chromium: a case — place on a map, 工单编号, stages, five-level rating, back bar', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('定位 takes the browser position (WGS84 → GCJ-02), finds the grid, draws it; the case gets a number and steps', async () => {
    const page = await residentWithGps(e2e);
    await page.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    await expectVisible(page.getByTestId('report-add-photo'));
    // Before locating, the resident's own grid is drawn (outline only, no pin).
    await expectVisible(page.getByTestId('report-map').locator('svg'));
    expect(await page.getByTestId('grid-map-pin').count()).toBe(0);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('report-add-photo').click(),
    ]);
    await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('photo-tile').first().waitFor({ state: 'visible' });
    await page.getByTestId('category-security').click();
    await page.getByTestId('report-description').locator('textarea').fill('5 栋 1 单元门禁坏了，外人随便进出。');

    await page.getByTestId('report-locate').locator('.nut-button').click();
    await expectVisible(page.getByTestId('report-place-note').getByText('位置在潇湘第二网格内'));
    await expectVisible(page.getByTestId('grid-map-pin'));
    // The located grid is the highlighted one, and its building list is offered.
    await expectVisible(page.locator('[data-testid="report-map"] path[data-grid="grid-xiaoxiang-2"][fill^="rgba"]'));
    await page.getByTestId('report-addresses').getByText('5 栋 1 单元', { exact: true }).click();
    await expect(page.getByTestId('report-address').locator('input').inputValue()).resolves.toBe('5 栋 1 单元');
    await shot(page, 'report-form-map');

    await page.getByTestId('report-submit').locator('.nut-button').click();
    await page.waitForURL(/packages\/reports\/detail\/index\?id=/);
    const id = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? '';
    const stored = await e2e.runtime.store.get<ReportDoc>(REPORT_COLLECTIONS.reports, id);
    expect(stored?.gridId).toBe('grid-xiaoxiang-2');
    // GCJ-02 stored, to the metre: the conversion happened on the phone.
    expect(stored?.location.latitude).toBeCloseTo(28.2285, 4);
    expect(stored?.location.longitude).toBeCloseTo(112.943, 4);
    const caseNo = stored?.caseNo ?? '';
    expect(caseNo).toMatch(/^XX-\d{8}-\d{4}$/);

    await expectVisible(page.getByTestId('report-caseno').getByText(caseNo));
    await expectVisible(page.getByTestId('report-map').getByTestId('grid-map-pin'));
    const stages = page.getByTestId('report-stages');
    for (const label of ['受理', '办理', '办结', '评价']) await expectVisible(stages.getByText(label, { exact: true }));
    // The h5 back bar: the page's title, and back returns to the form.
    await expectVisible(page.getByTestId('navbar').getByText('事项详情'));

    // Staff take the number over the phone and find the case.
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/reports/queue/index`);
    await staff.getByTestId('queue-search').locator('input').fill(caseNo.toLowerCase());
    await staff.getByTestId('queue-search').locator('input').press('Enter');
    await expectVisible(staff.getByTestId(`report-card-${id}`));
    expect(await staff.locator('[data-testid^="report-card-"]').count()).toBe(1);

    // The worker takes it: 受理 gets its time on the resident's stepper.
    await e2e.as('demo-staff').ok('reports', 'dispatch', { reportId: id, assigneeUserId: 'user-gridworker' });
    await e2e.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    await e2e.as('demo-gridworker').ok('reports', 'start', { reportId: id });
    await page.reload();
    await expectVisible(page.getByTestId('report-stages').getByText('进行中'));
    // 受理 and 办理 carry their times; 办结 is under way; 评价 is still ahead.
    const steps = (await page.getByTestId('report-stages').textContent()) ?? '';
    expect(steps.match(/进行中/g)).toHaveLength(1);
    expect(steps.match(/未开始/g)).toHaveLength(1);
    expect(steps.match(/\d{2}-\d{2} \d{2}:\d{2}|\d{1,2}:\d{2}/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    await shot(page, 'case-steps');
    // Reloaded, the detail has no page below it: back leads home rather than nowhere.
    await page.getByTestId('navbar-back').click();
    await expectVisible(page.getByTestId('home-community'));
  });

  it('the five-level rating: 非常不满意 asks for the reason; 基本满意 closes the case', async () => {
    // The seeded 卫生服务站 case waits for its reporter's (刘老师, demo-volunteer) rating.
    const page = await e2e.pageAs('demo-volunteer');
    await page.goto(`${e2e.baseUrl}/#/packages/reports/detail/index?id=report-demo-clinic`);
    const rate = page.getByTestId('report-rate');
    await expectVisible(rate);
    for (const label of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) {
      await expectVisible(rate.getByText(label, { exact: true }));
    }
    // Nothing chosen: the submit button is disabled and grey, not pink.
    const submit = page.getByTestId('rate-submit').locator('.nut-button');
    const grey = await submit.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(grey).toBe('rgb(220, 222, 224)');
    await page.getByTestId('rate-1').click();
    await expectVisible(page.getByText('选择「不满意」或「非常不满意」，事项将退回网格员重新办理。'));
    await submit.click();
    await expectVisible(page.getByText('请说明不满意的原因，便于网格员重新办理'));
    await shot(page, 'rating');
    await page.getByTestId('rate-3').click();
    await page.getByTestId('rate-comment').locator('input').fill('时间还可以再长一点');
    await submit.click();
    await page.locator('.nut-dialog-footer-ok').click();
    await expectVisible(page.getByTestId('report-status').getByText('已办结', { exact: true }));
    await expectVisible(page.getByTestId('report-rating').getByText('评价：基本满意（时间还可以再长一点）'));
    const stored = await e2e.runtime.store.get<ReportDoc>(REPORT_COLLECTIONS.reports, 'report-demo-clinic');
    expect(stored?.rating).toMatchObject({ score: 3, satisfied: true });
  });

  it('我的 lists my reports, coins, time bank, 代办 and messages; home entries have icons; empty states use shipped pictures', async () => {
    const page = await e2e.pageAs('demo-resident');
    const remote: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(e2e.baseUrl) && !r.url().startsWith('data:')) remote.push(r.url());
    });
    // Every home entry shows an icon.
    const items = page.locator('.nut-grid-item');
    await expectVisible(items);
    const n = await items.count();
    expect(n).toBeGreaterThan(5);
    for (let i = 0; i < n; i++) expect(await items.nth(i).locator('.nut-icon, svg, img').count()).toBeGreaterThan(0);
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    const services = page.getByTestId('me-services');
    for (const label of ['我的上报', '我的绿币', '时间银行', '代办', '消息']) {
      await expectVisible(services.getByText(label, { exact: true }));
    }
    await services.getByText('时间银行', { exact: true }).click();
    await expectVisible(page.getByTestId('navbar').getByText(/时间银行|我的志愿/));
    await page.getByTestId('navbar-back').click();
    await expectVisible(page.getByTestId('me-services'));
    // An empty list draws its picture from the app, not a CDN.
    await page.goto(`${e2e.baseUrl}/#/packages/reports/mine/index`);
    await page.getByTestId('mine-tab-resolved').click();
    await expectVisible(page.locator('.state-image'));
    expect(await page.locator('img[src*="360buyimg"]').count()).toBe(0);
    expect(remote).toEqual([]);
  });

  it('代办 by QR code: the helper shows a code, the resident opens it and says yes — no user id to read out', async () => {
    const helper = await e2e.pageAs('demo-volunteer');
    await helper.goto(`${e2e.baseUrl}/#/packages/care/proxy/index`);
    const qr = helper.getByTestId('proxy-my-qr').getByTestId('qr');
    await expectVisible(qr);
    const link = (await qr.getAttribute('data-text')) ?? '';
    expect(link).toContain('#/packages/care/proxy/index?agent=user-volunteer');
    // The user id is no longer asked for up front.
    expect(await helper.getByTestId('proxy-agent').count()).toBe(0);

    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(link);
    const invite = resident.getByTestId('proxy-invite');
    await expectVisible(invite.getByText(/想帮您代办/));
    await invite.getByTestId('proxy-scope-redeem').click();
    await resident.getByTestId('proxy-invite-accept').locator('.nut-button').click();
    await expectVisible(resident.getByTestId('proxy-given-user-volunteer'));
    await expectVisible(resident.getByTestId('proxy-given-user-volunteer').getByText(/绿币兑换/));
  });

  it('the shop says 绿币不足 (and by how much) on an item the resident cannot afford, before any dialog', async () => {
    const page = await e2e.pageAs('demo-resident');
    const { available } = await e2e.as('demo-resident').ok('greencoin', 'balance', {});
    await page.goto(`${e2e.baseUrl}/#/packages/greencoin/shop/index`);
    const oil = page.locator('[data-testid="goods-item"][data-name^="食用油"]');
    await expectVisible(oil);
    // The seeded resident has fewer coins than the 80 the oil costs.
    expect(available).toBeLessThan(80);
    await expectVisible(oil.getByTestId('goods-short').getByText(`还差 ${80 - available} 绿币`));
    await oil.getByTestId('goods-short').locator('.nut-button').click({ force: true });
    expect(await page.getByTestId('redeem-confirm').count()).toBe(0);
    // An affordable one still opens the confirmation.
    await page
      .locator('[data-testid="goods-item"][data-name^="理发券"]')
      .getByTestId('goods-redeem')
      .locator('.nut-button')
      .click();
    await expectVisible(page.getByTestId('redeem-confirm'));
  });
});
