import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

// A real 1×1 PNG: the browser decodes it, the gateway stores it as image/png.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function addPhoto(page: Page, testId: string): Promise<void> {
  const before = await page.getByTestId('photo-tile').count();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(testId).click()]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('photo-tile').nth(before).waitFor({ state: 'visible', timeout: 10_000 });
}

async function confirmDialog(page: Page): Promise<void> {
  await page.locator('.nut-dialog-footer-ok').click();
}

async function expectStatus(page: Page, label: string): Promise<void> {
  await expectVisible(page.getByTestId('report-status').getByText(label, { exact: true }));
}

describe('h5 in Chromium: 随手拍 from a resident’s phone to a rated resolution', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('resident files with a photo → staff dispatches → grid worker resolves → unsatisfied → rework → resolved → satisfied', async () => {
    // The resident snaps and files.
    const resident = await e2e.pageAs('demo-resident');
    await resident.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    await expectVisible(resident.getByTestId('report-add-photo'));
    await addPhoto(resident, 'report-add-photo');
    await resident.getByTestId('category-environment').click();
    await resident
      .getByTestId('report-description')
      .locator('textarea')
      .fill('3 号楼东门的垃圾桶满了三天，没人清运，气味很大。');
    await resident.getByTestId('report-address').locator('input').fill('潇湘社区 3 号楼东门');
    await e2e.screenshot(resident, 'reports-file');
    await resident.getByTestId('report-submit').locator('.nut-button').click();
    await resident.waitForURL(/packages\/reports\/detail\/index\?id=/);
    const reportUrl = resident.url();
    const id = new URL(reportUrl.replace('#/', '')).searchParams.get('id') ?? '';
    expect(id).toMatch(/^[a-f0-9]{24}$/);
    await expectStatus(resident, '待受理');
    // The SLA is visible to the reporter: 环境卫生 must be answered within 4 hours.
    await expectVisible(resident.getByTestId('report-countdown').getByText(/距响应时限还剩 (3小时5\d分|4小时0分)/));
    await expectVisible(resident.getByTestId('report-detail').locator('img'));
    await e2e.screenshot(resident, 'reports-detail-submitted');

    // Staff dispatch it from their workbench.
    const staff = await e2e.pageAs('demo-staff');
    await staff.getByText('派单工作台', { exact: true }).click();
    await staff.getByTestId(`report-card-${id}`).click();
    await expectVisible(staff.getByText('张阿姨（138****0001）'));
    await staff.getByTestId('worker-user-gridworker').click();
    await staff.getByTestId('action-dispatch').locator('.nut-button').click();
    await expectStatus(staff, '已派单');

    // The grid worker accepts, works and resolves it with an evidence photo and plain words.
    const worker = await e2e.pageAs('demo-gridworker');
    await worker.getByText('网格工单', { exact: true }).click();
    await worker.getByTestId(`report-card-${id}`).click();
    // 受理 starts the work in the same tap: the assignee goes straight to 办理中.
    await worker.getByTestId('action-accept').locator('.nut-button').click();
    await expectStatus(worker, '办理中');
    expect(await worker.getByTestId('action-start').count()).toBe(0);
    const resolve = async (answer: string) => {
      await addPhoto(worker, 'resolve-add-photo');
      await worker.getByTestId('resolve-answer').locator('textarea').fill(answer);
      await worker.getByTestId('action-resolve').locator('.nut-button', { hasText: '办结并答复' }).click();
      await confirmDialog(worker);
      await expectStatus(worker, '待评价');
    };
    await resolve('已联系环卫公司清运干净了。');
    await e2e.screenshot(worker, 'reports-resolved');

    // The resident is not satisfied: back for rework.
    await resident.reload();
    await expectStatus(resident, '待评价');
    await expectVisible(resident.getByTestId('report-answer').getByText('已联系环卫公司清运干净了。'));
    // 「好差评」: 不满意 (2) needs the reason and sends it back.
    await resident.getByTestId('rate-2').click();
    await resident.getByTestId('rate-comment').locator('input').fill('第二天又堆满了');
    await resident.getByTestId('rate-submit').locator('.nut-button').click();
    await confirmDialog(resident);
    await expectStatus(resident, '退回重办');

    // The worker does it again, better.
    await worker.reload();
    await expectStatus(worker, '退回重办');
    await worker.getByTestId('action-start').locator('.nut-button').click();
    await expectStatus(worker, '办理中');
    await resolve('已在东门加放一个大垃圾桶，环卫每天早晚各清运一次。');

    // Now satisfied: closed, and the whole story is on the timeline.
    await resident.reload();
    await expectVisible(
      resident.getByTestId('report-answer').getByText('已在东门加放一个大垃圾桶，环卫每天早晚各清运一次。'),
    );
    await resident.getByTestId('rate-5').click();
    await resident.getByTestId('rate-submit').locator('.nut-button').click();
    await confirmDialog(resident);
    await expectStatus(resident, '已办结');
    const timeline = (await resident.getByTestId('report-timeline').textContent()) ?? '';
    for (const step of ['提交上报', '派单', '受理', '开始办理', '办结并答复', '评价', '第二天又堆满了']) {
      expect(timeline).toContain(step);
    }
    expect(timeline.match(/办结并答复/g)).toHaveLength(2);
    await e2e.screenshot(resident, 'reports-closed');

    // My reports lists it under 已结束; the community figures count the rework apart.
    await resident.goto(`${e2e.baseUrl}/#/packages/reports/mine/index`);
    await resident.getByTestId('mine-tab-finished').click();
    await expectVisible(resident.getByTestId(`report-card-${id}`).getByText('退回重办 1 次'));
    await staff.goto(`${e2e.baseUrl}/#/packages/reports/stats/index`);
    await expectVisible(staff.getByTestId('report-stats').getByText('满意率'));
    await e2e.screenshot(staff, 'reports-stats');
  });

  it('staff file for a resident who phoned in; the resident finds it under 我的上报, recorded as filed for them', async () => {
    const staff = await e2e.pageAs('demo-staff');
    await staff.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    await addPhoto(staff, 'report-add-photo');
    await staff.getByTestId('category-road').click();
    await staff
      .getByTestId('report-description')
      .locator('textarea')
      .fill('张阿姨来电：5 号楼门口的路灯坏了，晚上很黑。');
    await staff.getByTestId('report-address').locator('input').fill('潇湘社区 5 号楼门口');
    await staff.getByTestId('report-proxy').locator('.nut-switch').click();
    await staff.getByTestId('report-proxy').locator('input').fill('张');
    await staff.getByTestId('report-proxy').locator('.nut-button', { hasText: '查找' }).click();
    await staff.getByTestId('report-proxy').getByText('张阿姨 138****0001').click();
    await staff.getByTestId('report-submit').locator('.nut-button').click();
    await staff.waitForURL(/packages\/reports\/detail\/index\?id=/);
    // Within the detail: the 随手拍 tab page, still mounted under it, has a hint with the same words.
    await expectVisible(staff.getByTestId('report-detail').getByText('工作人员代报', { exact: false }));

    const resident = await e2e.pageAs('demo-resident');
    await resident.getByText('我的上报', { exact: true }).click();
    await resident.getByText('张阿姨来电：5 号楼门口的路灯坏了，晚上很黑。').click();
    await expectVisible(resident.getByTestId('report-detail').getByText('工作人员代报', { exact: false }));
    await expectVisible(resident.getByTestId('report-timeline').getByText('社区工作者代居民上报'));
  });

  it('an anonymous report shows other residents no name, while staff see who filed it', async () => {
    const neighbour = await e2e.pageAs('demo-volunteer');
    await neighbour.goto(`${e2e.baseUrl}/#/packages/reports/detail/index?id=report-demo-camera`);
    await expectVisible(neighbour.getByTestId('report-detail').getByText('上报人：匿名居民', { exact: false }));
    expect(await neighbour.getByTestId('report-detail').textContent()).not.toContain('刘老先生');
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/reports/detail/index?id=report-demo-camera`);
    await expectVisible(staff.getByTestId('report-detail').getByText('刘老先生', { exact: false }));
  });
});
