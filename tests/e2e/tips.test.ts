import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf } from '../../cloudfunctions/_core/ledger';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** NutUI buttons render inside taro-button-core: click the .nut-button itself. */
const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

describe('h5 in Chromium: 举报奖励 — a tip reaches only its officers, graded, approved by a second officer, paid once', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('anonymous tip → officer grades → the grader cannot approve → second officer approves → collected with the claim code', async () => {
    const resident = await e2e.pageAs('demo-resident');
    await resident.getByText('举报奖励', { exact: true }).click();
    await resident.getByTestId('tip-schemes').getByText('安全生产举报奖励').click();
    await expectVisible(
      resident.getByTestId('tip-levels').getByText(/一级：举报重大事故隐患，经核查属实，奖励 3000 元/),
    );
    await resident
      .getByTestId('tip-content')
      .locator('textarea')
      .fill('潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。');
    await resident.getByTestId('tip-anonymous').locator('.nut-switch').click();
    await press(resident, 'tip-submit');
    const claimCode = ((await resident.getByTestId('tip-claim').locator('.code').textContent()) ?? '').trim();
    expect(claimCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await e2e.screenshot(resident, 'tips-claim-code');

    // Nobody else has a desk: the grid worker, staff and 乡贤 are refused.
    for (const persona of ['demo-gridworker', 'demo-staff', 'demo-sage']) {
      const page = await e2e.pageAs(persona);
      await page.goto(`${e2e.baseUrl}/#/packages/tips/desk/index`);
      await expectVisible(page.getByText('加载失败').first());
      await page.context().close();
    }

    const officer = await e2e.pageAs('demo-tipofficer');
    await officer.getByText('举报受理', { exact: true }).click();
    await officer.getByTestId('tip-queue').getByText('安全生产举报奖励（匿名）').click();
    await expectVisible(officer.getByTestId('tip-detail').getByText(/易燃纸板/));
    await expectVisible(officer.getByTestId('tip-detail').getByText('举报人：匿名'));
    await officer.getByTestId('tip-grade-levels').getByText('二级 1000 元').click();
    await officer.getByTestId('tip-grade-note').locator('textarea').fill('消防大队核查属实，已责令清理');
    await press(officer, 'tip-grade');
    await officer.getByTestId('tip-filters').getByText('待复核', { exact: true }).click();
    await officer.getByTestId('tip-queue').getByText('安全生产举报奖励（匿名）').click();
    await expectVisible(officer.getByText('由您评定，需另一名受理员复核。'));

    const checker = await e2e.pageAs('demo-tipchecker');
    await checker.getByText('举报受理', { exact: true }).click();
    await checker.getByTestId('tip-filters').getByText('待复核', { exact: true }).click();
    await checker.getByTestId('tip-queue').getByText('安全生产举报奖励（匿名）').click();
    await press(checker, 'tip-approve');
    await confirmDialog(checker);
    await expectVisible(checker.getByText('暂无举报'));
    await e2e.screenshot(checker, 'tips-desk-approved');

    // The tipster follows it with the code alone.
    await resident.goto(`${e2e.baseUrl}/#/packages/tips/mine/index`);
    await resident.getByTestId('tip-follow-code').locator('input').fill(claimCode);
    await press(resident, 'tip-follow');
    await expectVisible(resident.getByText('评定：二级，奖励 1000 元'));

    // Paid out at the office against the code; once.
    await officer.getByTestId('tip-filters').getByText('待发放', { exact: true }).click();
    await officer.getByTestId('tip-queue').getByText('安全生产举报奖励（匿名）').click();
    await officer.getByTestId('tip-payout-code').locator('input').fill(claimCode);
    await press(officer, 'tip-payout');
    await confirmDialog(officer);
    await expectVisible(officer.getByText('暂无举报'));
    await press(resident, 'tip-follow');
    await expectVisible(resident.getByText('奖励已领取').first());
    expect((await balanceOf(e2e.runtime.store, 'RW:sink:community-xiaoxiang')).balance).toBe(1000);
  });
});
