import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key } from '../greencoin/support';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * The green-coin pages built from parts: the forms that stay NutUI dialogs (补货 / 盘点, 驳回) refuse
 * an empty draft before anything is sent, and the yes/no questions (取消申请) go through the one
 * confirm(), whose 不取消 changes nothing.
 */
describe('h5 in Chromium: green-coin staff forms and the resident’s cancel', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const dialogButton = (page: Page, text: string) => page.locator('.nut-dialog .nut-button', { hasText: text });
  const stockOf = async (goodsId: string) => {
    const list = await e2e.as('demo-staff').ok('greencoin', 'goods.list', { includeInactive: true, limit: 50 });
    return list.items.find((g) => g.id === goodsId)?.stock;
  };

  it('补货 / 盘点: an empty draft is refused on the phone; a filled one adds the units once', async () => {
    const before = await stockOf('goods-xiaoxiang-4');
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/greencoin/goods/index`);
    const towels = staff.getByTestId('admin-goods').filter({ hasText: '毛巾两条装' });
    await towels.locator('.nut-button', { hasText: '补货 / 盘点' }).click();
    await expectVisible(staff.getByText('补货 / 盘点：毛巾两条装'));
    await staff.locator('.nut-dialog-footer-ok').click();
    await expectVisible(staff.getByText('请填写数量（负数为盘亏）和原因'));
    expect(await stockOf('goods-xiaoxiang-4')).toBe(before);

    await staff.locator('.nut-dialog-footer-ok').waitFor({ state: 'visible' });
    const inputs = staff.locator('.nut-dialog .gc-input input');
    await inputs.nth(0).fill('5');
    await inputs.nth(1).fill('爱心企业捐赠');
    await staff.locator('.nut-dialog-footer-ok').click();
    await expectVisible(staff.getByText('库存已更新'));
    await expect.poll(() => stockOf('goods-xiaoxiang-4')).toBe((before ?? 0) + 5);
    await expectVisible(towels.getByText(`库存 ${(before ?? 0) + 5}`, { exact: false }));
  });

  it('驳回: the reason is required; with it the resident’s request is rejected with that reason', async () => {
    const asked = await e2e.as('demo-resident').ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-4',
      quantity: 1,
      idempotencyKey: key(),
    });
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/greencoin/queue/index`);
    const item = staff.getByTestId('queue-item').filter({ hasText: '毛巾两条装 ×1' });
    await item.getByTestId('queue-reject').locator('.nut-button').click();
    await expectVisible(staff.getByTestId('reject-reason'));
    await dialogButton(staff, '确定驳回').click();
    await expectVisible(staff.getByText('请填写驳回原因'));
    const mine = async () =>
      (await e2e.as('demo-resident').ok('greencoin', 'redeem.mine', { limit: 50 })).items.find(
        (r) => r.id === asked.id,
      );
    expect((await mine())?.status).toBe('requested');

    await staff.getByTestId('reject-reason').locator('textarea').fill('本月毛巾已发完，下月再来');
    await dialogButton(staff, '确定驳回').click();
    await expectVisible(staff.getByText('已驳回'));
    await expect.poll(async () => (await mine())?.status).toBe('rejected');
    expect((await mine())?.rejectReason).toBe('本月毛巾已发完，下月再来');
  });

  it('取消申请 asks first: 不取消 keeps the request, 确定取消 returns the coins', async () => {
    const before = await e2e.as('demo-resident').ok('greencoin', 'balance', {});
    await e2e.as('demo-resident').ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-4',
      quantity: 1,
      idempotencyKey: key(),
    });
    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/greencoin/redemptions/index`);
    const pending = resident.locator('[data-testid="redemption-item"][data-status="requested"]');
    await expect.poll(() => pending.count()).toBe(1);
    await pending.getByTestId('redemption-cancel').locator('.nut-button').click();
    await expectVisible(resident.getByText('取消后冻结的绿币会退回，确定取消吗？'));
    await dialogButton(resident, '不取消').click();
    await resident.getByText('取消后冻结的绿币会退回，确定取消吗？').waitFor({ state: 'hidden' });
    expect((await e2e.as('demo-resident').ok('greencoin', 'balance', {})).available).toBe(before.available - 15);
    expect(await pending.count()).toBe(1);

    await pending.getByTestId('redemption-cancel').locator('.nut-button').click();
    await dialogButton(resident, '确定取消').click();
    await expectVisible(resident.getByText('已取消，绿币已退回'));
    await expect
      .poll(async () => (await e2e.as('demo-resident').ok('greencoin', 'balance', {})).available)
      .toBe(before.available);
    await expect.poll(() => pending.count()).toBe(0);
  });
});
