import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA } from '../../cloudfunctions/_core/domain/safety';
import { DEMO } from '../../local/seed';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** NutUI buttons render inside taro-button-core: click the .nut-button itself. */
const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

describe('h5 in Chromium: 平安细胞 from application to the public roll', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    // The bar is set low so the flow does not hinge on other contexts' demo data: the on-site
    // score alone (20) reaches it.
    await e2e
      .as('demo-staff')
      .ok('safety', 'criteria.save', { communityId: DEMO.communityA, passScore: 20, criteria: [...DEFAULT_CRITERIA] });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('resident applies → staff evaluates with the scorecard → the unit appears on the public roll', async () => {
    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/safety/apply/index`);
    await expectVisible(resident.getByTestId('safety-criteria').getByText('网格事项办结'));
    await resident.getByTestId('safety-grid').getByText('潇湘第一网格').click();
    await resident.getByTestId('safety-name').locator('input').fill('张阿姨家');
    await resident.getByTestId('safety-address').locator('input').fill('潇湘路 1 号 2 栋 302');
    await resident.getByTestId('safety-contact').locator('input').fill('张阿姨');
    await resident.getByTestId('safety-phone').locator('input').fill('13800000001');
    await press(resident, 'safety-submit');
    await expectVisible(resident.getByTestId('safety-mine').getByText('张阿姨家 · 平安家庭'));
    await expectVisible(resident.getByTestId('safety-mine').getByText('待评定'));

    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/safety/queue/index`);
    await staff.getByTestId('safety-queue').getByText('张阿姨家 · 平安家庭').click();
    await expectVisible(staff.getByTestId('scorecard').getByText('网格事项办结'));
    await expectVisible(staff.getByTestId('score-grid-resolution').getByText(/近一年所在网格/));
    const onsite = staff.getByTestId('onsite-onsite').locator('input');
    await onsite.nth(0).fill('20');
    await onsite.nth(1).fill('灭火器在有效期内，燃气报警器正常');
    await press(staff, 'evaluate-save');
    await confirmDialog(staff);
    await expectVisible(staff.getByTestId('unit-status').getByText(/年度平安家庭/));
    await e2e.screenshot(staff, 'safety-evaluate-staff');

    const neighbour = await e2e.pageAs('demo-volunteer');
    await neighbour.goto(`${e2e.baseUrl}/#/packages/safety/public/index`);
    await expectVisible(neighbour.getByTestId('safety-roll').getByText('张阿姨家'));
    expect(await neighbour.getByTestId('safety-roll').textContent()).not.toContain('13800000001');
    await e2e.screenshot(neighbour, 'safety-public-roll');

    // The dashboard counts it: the seeded 潇湘花园小区 and this family hold titles now.
    await staff.goto(`${e2e.baseUrl}/#/packages/admin/dashboard/index`);
    await expectVisible(staff.getByTestId('dashboard-safety').getByText(/已授牌 2 个/));
    await staff.getByTestId('dashboard-safety').scrollIntoViewIfNeeded();
    await e2e.screenshot(staff, 'safety-dashboard-counts');

    // The applicant sees the scorecard with its reasons.
    await resident.goto(`${e2e.baseUrl}/#/packages/safety/mine/index`);
    await resident.getByTestId('safety-mine').getByText('查看评分表 ›').first().click();
    await expectVisible(resident.getByTestId('score-onsite').getByText('实地查看：灭火器在有效期内，燃气报警器正常'));
  });

  it('staff revoke a grid worker on the roles page only after confirming', async () => {
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/admin/roles/index`);
    await expectVisible(staff.getByTestId('assignments').getByText('专职网格员 · 接单'));
    await staff.getByTestId('assignments').locator('.nut-button', { hasText: '撤销' }).first().click();
    await expectVisible(staff.getByText('确认撤销？'));
    await e2e.screenshot(staff, 'admin-roles-revoke-confirm');
    await confirmDialog(staff);
    // 第一网格's 王网格 leaves the assignments; 第二网格's 周网格 (seeded since #20) stays.
    await expectVisible(staff.getByTestId('assignments').getByText('潇湘第二网格 · 周网格'));
    await staff
      .getByTestId('assignments')
      .getByText('潇湘第一网格 · 王网格')
      .waitFor({ state: 'detached', timeout: 10_000 });
    const user = await e2e.runtime.store.get<{ _id: string; grants: Array<{ role: string }> }>(
      'users',
      'user-gridworker',
    );
    expect(user?.grants.some((g) => g.role === 'gridworker')).toBe(false);
  });
});
