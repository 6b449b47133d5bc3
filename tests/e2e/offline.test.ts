import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('h5 in Chromium: offline for real — a photo taken offline, the report filed once when the network returns', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const filed = async (description: string) =>
    (
      await e2e.runtime.store.find<ReportDoc>(
        REPORT_COLLECTIONS.reports,
        { reporterUserId: 'user-resident' },
        { limit: 1000 },
      )
    ).filter((r) => r.description === description);

  async function addPhoto(page: Page): Promise<void> {
    const before = await page.getByTestId('photo-tile').count();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('report-add-photo').click(),
    ]);
    await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('photo-tile').nth(before).waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('offline: the photo is kept on the phone with the draft, the report queued; online: photo uploaded and report filed exactly once', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    await expectVisible(page.getByTestId('report-add-photo'));
    await page.context().setOffline(true);
    await expectVisible(page.getByTestId('offline-banner'));

    const description = '8 栋后面的化粪池盖板裂了，小孩在旁边玩很危险。';
    await addPhoto(page);
    await expectVisible(page.getByTestId('photo-pending').getByText('待上传'));
    await page.getByTestId('category-environment').click();
    await page.getByTestId('report-description').locator('textarea').fill(description);
    await page.getByTestId('report-address').locator('input').fill('潇湘社区 8 栋后面');

    // The draft on the phone holds the photo itself (no server id yet).
    const draft = await page.evaluate(() => localStorage.getItem('gongzhi.report.draft') ?? '');
    expect(draft).toContain('data:image/');

    await page.getByTestId('report-submit').locator('.nut-button').click();
    await expectVisible(page.getByText('网络恢复后会自动提交'));
    await page.locator('.nut-dialog-footer-ok', { hasText: '知道了' }).click(); // the app's one dialog (confirm.tsx)
    await expectVisible(page.getByTestId('report-queued'));
    expect(await filed(description)).toHaveLength(0);

    // One queued report, its photo still on the phone.
    const queued = await page.evaluate(() => localStorage.getItem('gongzhi.report.queue') ?? '');
    expect(queued.split('"idempotencyKey"').length - 1).toBe(1);

    await page.context().setOffline(false);
    await page.getByTestId('report-queued').waitFor({ state: 'detached', timeout: 15_000 });
    const reports = await filed(description);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.photos).toHaveLength(1);
    expect(reports[0]?.caseNo).toMatch(/^XX-/);
    await page.screenshot({ path: '/work/brief/shots/residents-offline-filed-once.png', fullPage: true });

    // Another flush (the network flapping) files nothing more.
    await page.context().setOffline(true);
    await page.context().setOffline(false);
    await page.waitForTimeout(500);
    expect(await filed(description)).toHaveLength(1);
  });

  it('the pages a resident may need offline are fetched after the first load: 爱心超市 and 我的上报 open without a network', async () => {
    const page = await e2e.pageAs('demo-resident');
    await expectVisible(page.locator('.nut-grid-item', { hasText: '爱心超市' }));
    // Five pages: the 随手拍 form, 我的, 我的上报, a report's detail, 爱心超市.
    await page.waitForFunction(() => document.documentElement.getAttribute('data-offline-ready') === '5', null, {
      timeout: 15_000,
    });
    await page.context().setOffline(true);
    await page.locator('.nut-grid-item', { hasText: '爱心超市' }).click({ timeout: 5000 });
    // The page opens (its code is on the device); its data says the network is down, with a retry.
    await expectVisible(page.getByText('网络不给力', { exact: false }));
    expect(page.url()).toContain('packages/greencoin/shop/index');
    expect(await page.getByText('网络不可用，这个页面需要联网后才能打开').count()).toBe(0);
    await page.context().setOffline(false);

    // 我的上报 from a fresh start, so it is the prefetch that puts it on the device, not the visit above.
    // (Going back from the shop was tried first: on a loaded machine the back navigation raced the
    // router's own, and the home page was hidden again under the tap.)
    const second = await e2e.pageAs('demo-resident');
    await expectVisible(second.locator('.nut-grid-item', { hasText: '我的上报' }));
    await second.waitForFunction(() => document.documentElement.getAttribute('data-offline-ready') === '5', null, {
      timeout: 15_000,
    });
    await second.context().setOffline(true);
    await second.locator('.nut-grid-item', { hasText: '我的上报' }).click({ timeout: 5000 });
    await second.waitForURL(/packages\/reports\/mine\/index/, { timeout: 5000 });
    await expectVisible(second.getByText('网络不给力', { exact: false }));
    await second.context().setOffline(false);
  });

  it('offline, a page whose code is not on the phone yet says 网络不可用 instead of doing nothing', async () => {
    const page = await e2e.pageAs('demo-resident');
    await expectVisible(page.locator('.nut-grid-item', { hasText: '时间银行' }));
    await page.context().setOffline(true);
    await page.locator('.nut-grid-item', { hasText: '时间银行' }).click({ timeout: 5000 });
    await expectVisible(page.getByText('网络不可用', { exact: false }));
    await page.context().setOffline(false);
  });
});
