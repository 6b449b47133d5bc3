import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** How far (px) the pickup QR image's centre is from the centre of the digits' line below it. */
async function qrOffCentre(card: Locator): Promise<number> {
  const img = await card.getByTestId('qr').locator('img').boundingBox();
  const digits = await card.locator('.gc-code').boundingBox();
  if (!img || !digits) throw new Error('pickup QR or code not laid out');
  return Math.abs(img.x + img.width / 2 - (digits.x + digits.width / 2));
}

describe('h5 in Chromium: green coins and the love supermarket', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('resident redeems, staff approves, resident sees the pickup code and the lower balance', async () => {
    const resident = await e2e.pageAs('demo-resident');
    await resident.getByText('我的绿币', { exact: true }).click();
    await expectVisible(resident.getByTestId('gc-available').getByText('70'));
    await expectVisible(resident.getByTestId('gc-history-item').getByText('门前三包整洁，评为“美丽庭院”'));
    await e2e.screenshot(resident, 'greencoin-wallet');

    await resident.locator('.nut-button', { hasText: '爱心超市' }).click();
    const detergent = resident.locator('[data-testid="goods-item"][data-name="洗衣液 2kg"]');
    await expectVisible(detergent);
    await e2e.screenshot(resident, 'greencoin-shop');
    await detergent.getByTestId('goods-redeem').locator('.nut-button').click();
    await expectVisible(resident.getByTestId('redeem-confirm'));
    await expectVisible(resident.getByTestId('redeem-confirm').getByText('30'));
    await resident.locator('.nut-dialog .nut-button', { hasText: '确认兑换' }).click();
    await resident.waitForURL(/greencoin\/redemptions/);
    const pending = resident.locator('[data-testid="redemption-item"][data-status="requested"]');
    await expectVisible(pending.getByText('待审核'));

    const staff = await e2e.pageAs('demo-staff');
    await staff.getByText('兑换审核', { exact: true }).click();
    const item = staff.getByTestId('queue-item').filter({ hasText: '洗衣液 2kg' });
    await expectVisible(item.getByText('张阿姨', { exact: false }));
    await e2e.screenshot(staff, 'greencoin-queue');
    await item.getByTestId('queue-approve').locator('.nut-button').click();
    await staff.locator('.nut-dialog .nut-button', { hasText: '确定通过' }).click();
    await expectVisible(staff.getByText('没有待审核的兑换申请'));

    await resident.reload();
    const approved = resident.locator('[data-testid="redemption-item"][data-status="approved"]');
    await expectVisible(approved.getByTestId('pickup-code'));
    const code = (await approved.locator('.gc-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    // The QR is centred under its label, as the digits below it are (it hung right of centre on h5).
    expect(await qrOffCentre(approved)).toBeLessThanOrEqual(1);
    await e2e.screenshot(resident, 'greencoin-pickup-code');
    // 长辈版 too: larger text must not push it aside.
    await resident.evaluate(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
    await resident.reload();
    await resident.waitForFunction(() => document.documentElement.classList.contains('care'));
    await expectVisible(approved.getByTestId('pickup-code'));
    expect(await qrOffCentre(approved)).toBeLessThanOrEqual(1);
    await e2e.screenshot(resident, 'greencoin-pickup-code-care');
    await resident.evaluate(() => localStorage.removeItem('gongzhi.care'));

    await resident.goto(`${e2e.baseUrl}/#/packages/greencoin/wallet/index`);
    await expectVisible(resident.getByTestId('gc-available').getByText('40'));
    await expectVisible(resident.getByTestId('gc-history-item').getByText('-30'));

    // Staff confirm the pickup with the code the resident shows.
    await staff.goto(`${e2e.baseUrl}/#/packages/greencoin/pickup/index`);
    await staff.getByTestId('pickup-input').locator('input').fill(code);
    await staff.getByTestId('pickup-confirm').locator('.nut-button').click();
    await expectVisible(staff.getByTestId('pickup-done').getByText('洗衣液 2kg', { exact: false }));
  });

  it('the public ledger shows community totals without naming anyone', async () => {
    const page = await e2e.pageAs('demo-volunteer');
    await page.goto(`${e2e.baseUrl}/#/packages/greencoin/public/index`);
    await expectVisible(page.getByTestId('public-totals'));
    const text = (await page.getByTestId('public-recent').textContent()) ?? '';
    expect(text).not.toContain('张阿姨');
    expect(text).not.toContain('小李');
    await e2e.screenshot(page, 'greencoin-public');
  });

  it('staff score a resident against the published rubric and the coins arrive with the reason', async () => {
    const before = await e2e.as('demo-resident').ok('greencoin', 'balance', {});
    const staff = await e2e.pageAs('demo-staff');
    await staff.getByText('绿币评定', { exact: true }).click();
    await staff.getByTestId('score-people').locator('.nut-button', { hasText: '张阿姨' }).click();
    await staff.locator('.nut-button', { hasText: '参与治安巡逻一次' }).click();
    await staff.locator('textarea').first().fill('11 月 20 日夜间巡逻');
    await staff.locator('.nut-button', { hasText: '提交评定' }).click();
    await staff.locator('.nut-dialog .nut-button', { hasText: '确认提交' }).click();
    await expectVisible(staff.getByText('已记录'));
    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/greencoin/wallet/index`);
    await expectVisible(resident.getByTestId('gc-total').getByText(String(before.balance + 10)));
    await expectVisible(resident.getByTestId('gc-history-item').getByText('平安建设：参与治安巡逻一次'));
  });
});
