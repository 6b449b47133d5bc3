import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

// A real 1×1 PNG: the browser decodes it, the gateway stores it as image/png.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function addPhoto(page: Page): Promise<void> {
  const before = await page.getByTestId('photo-tile').count();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('report-add-photo').click()]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('photo-tile').nth(before).waitFor({ state: 'visible', timeout: 10_000 });
}

async function openReportTab(page: Page): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
  await expectVisible(page.getByTestId('report-add-photo'));
}

async function fill(page: Page, description: string): Promise<void> {
  await addPhoto(page);
  await page.getByTestId('category-environment').click();
  await page.getByTestId('report-description').locator('textarea').fill(description);
  await page.getByTestId('report-address').locator('input').fill('潇湘社区 5 号楼北门');
}

describe('h5 in Chromium: residents — 随手拍 on a weak network (draft kept, queued, retried, never twice) and 代办', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const filedWith = async (description: string) =>
    (
      await e2e.runtime.store.find<ReportDoc>(
        REPORT_COLLECTIONS.reports,
        { reporterUserId: 'user-resident' },
        { limit: 1000 },
      )
    ).filter((r) => r.description === description).length;

  it('a half-written report survives leaving the app; filed offline it waits, and files exactly once when online', async () => {
    const page = await e2e.pageAs('demo-resident');
    await openReportTab(page);
    const description = '5 号楼北门的路灯坏了一周，晚上很黑，老人出门不方便。';
    await fill(page, description);

    // Leaving and reloading the app (a killed mini-program) brings the draft back, photo included.
    await page.reload();
    await openReportTab(page);
    await expectVisible(page.getByTestId('draft-restored'));
    await expect(page.getByTestId('report-description').locator('textarea').inputValue()).resolves.toBe(description);
    expect(await page.getByTestId('photo-tile').count()).toBe(1);

    // The network drops: the page says so, and submitting keeps the report in the phone's queue.
    await page.context().setOffline(true);
    await expectVisible(page.getByTestId('offline-banner'));
    await e2e.screenshot(page, 'residents-offline');
    await page.getByTestId('report-submit').locator('.nut-button').click();
    await expectVisible(page.getByText('网络恢复后会自动提交'));
    await page.locator('.nut-dialog-footer-ok', { hasText: '知道了' }).click(); // the app's one dialog (confirm.tsx)
    await expectVisible(page.getByTestId('report-queued'));
    expect(await filedWith(description)).toBe(0);

    // Back online: the queue is sent on its own, once.
    await page.context().setOffline(false);
    await page.getByTestId('report-queued').waitFor({ state: 'detached', timeout: 10_000 });
    await expect(page.getByTestId('offline-banner').count()).resolves.toBe(0);
    expect(await filedWith(description)).toBe(1);
  });

  it('an answer lost on the way back is retried under the same key: still one report', async () => {
    const page = await e2e.pageAs('demo-resident');
    await openReportTab(page);
    const description = '小区东门的下水道井盖松动，车一过就响，怕有人踩空。';
    await fill(page, description);
    // The server files it, but the phone never hears back (the connection drops mid-answer).
    await page.route('**/api/functions/reports', async (route) => {
      const body = route.request().postDataJSON() as { action: string };
      if (body.action !== 'submit') return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByTestId('report-submit').locator('.nut-button').click();
    await page.locator('.nut-dialog-footer-ok', { hasText: '知道了' }).click(); // the app's one dialog (confirm.tsx)
    await expectVisible(page.getByTestId('report-queued'));
    expect(await filedWith(description)).toBe(1);

    await page.unroute('**/api/functions/reports');
    await page.getByTestId('report-queued').locator('.nut-button').click();
    await page.getByTestId('report-queued').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await filedWith(description)).toBe(1);
  });

  it('代办: a helper files for the resident who authorised them; the resident sees it in their 代办记录 and revokes', async () => {
    await e2e.as('demo-resident').ok('identity', 'proxy.grant', { agentUserId: 'user-volunteer', scopes: ['reports'] });
    const helper = await e2e.pageAs('demo-volunteer');
    await openReportTab(helper);
    const description = '帮张阿姨报一下：她家楼道的声控灯坏了，晚上上楼看不见。';
    await fill(helper, description);
    await helper.getByTestId('report-for-user-resident').click();
    await helper.getByTestId('report-submit').locator('.nut-button').click();
    await helper.waitForURL(/packages\/reports\/detail\/index\?id=/);
    const filed = (
      await e2e.runtime.store.find<ReportDoc>(
        REPORT_COLLECTIONS.reports,
        { reporterUserId: 'user-resident' },
        { limit: 1000 },
      )
    ).filter((r) => r.description === description);
    expect(filed.map((r) => r.filedByUserId)).toEqual(['user-volunteer']);

    const resident = await e2e.pageAs('demo-resident');
    await resident.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    await resident.getByTestId('me-proxy').locator('.nut-cell').click();
    await expectVisible(resident.getByTestId('proxy-log-item').getByText(/代您上报：帮张阿姨报一下/));
    await expectVisible(resident.getByTestId('proxy-given-user-volunteer'));
    await e2e.screenshot(resident, 'residents-proxy');
    await resident.getByTestId('proxy-given-user-volunteer').locator('.nut-button').click();
    await resident.locator('.nut-dialog-footer-ok').click();
    await resident.getByTestId('proxy-given-user-volunteer').waitFor({ state: 'detached', timeout: 10_000 });
    const again = await e2e.as('demo-volunteer').call('reports', 'submit', {
      category: 'environment',
      description,
      photos: filed[0]?.photos ?? [],
      location: { address: '潇湘社区 5 号楼北门' },
      anonymous: false,
      onBehalfOfUserId: 'user-resident',
    });
    expect(again.ok ? 'OK' : again.error.code).toBe('FORBIDDEN');
  });
});
