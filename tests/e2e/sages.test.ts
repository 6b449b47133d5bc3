import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SAGE_STANDARDS } from '../../cloudfunctions/_core/domain/sages';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** NutUI buttons render inside taro-button-core: click the .nut-button itself. */
const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

describe('h5 in Chromium: 乡贤 selection — apply, qualification review, the street’s decision, then opinions', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('resident applies → staff check every standard → street appoints at a station → the new 乡贤 files an opinion', async () => {
    const resident = await e2e.pageAs('demo-resident');
    await resident.getByText('乡贤选任', { exact: true }).click();
    await expectVisible(resident.getByTestId('sage-standards').getByText(/无违法犯罪记录/));
    await resident
      .getByTestId('sage-statement')
      .locator('textarea')
      .fill('我在潇湘社区住了三十年，退休前是中学教师，愿意监督社区财务公开和工程项目。');
    await resident.getByTestId('sage-ref-name').locator('input').fill('李大爷');
    await resident.getByTestId('sage-ref-relation').locator('input').fill('老邻居');
    await resident.getByTestId('sage-ref-phone').locator('input').fill('13900000001');
    await press(resident, 'sage-submit');
    await expectVisible(resident.getByTestId('sage-application').getByText('待资格审查'));

    const staff = await e2e.pageAs('demo-staff');
    await staff.getByText('乡贤资格审查', { exact: true }).click();
    await staff.getByTestId('sage-queue').getByText('张阿姨', { exact: true }).click();
    await expectVisible(staff.getByText('推荐人：李大爷（老邻居）139****0001'));
    for (const s of SAGE_STANDARDS)
      await staff.getByTestId(`sage-check-${s.id}`).getByText('符合', { exact: true }).click();
    await staff.getByTestId('sage-review-note').locator('textarea').fill('经走访邻里核实，符合全部条件');
    await press(staff, 'sage-review-submit');
    await expectVisible(staff.getByText('暂无申请'));

    const street = await e2e.pageAs('demo-admin');
    await street.getByText('乡贤审定', { exact: true }).click();
    await street.getByTestId('sage-filters').getByText('待街道审定', { exact: true }).click();
    await street.getByTestId('sage-queue').getByText('张阿姨', { exact: true }).click();
    await street.getByTestId('sage-stations').getByText('潇湘社区乡贤监督工作站').click();
    await street.getByTestId('sage-decision-no').locator('input').fill('南街发〔2026〕3 号');
    await street.getByTestId('sage-decision-reason').locator('input').fill('经街道党工委会议研究同意');
    await press(street, 'sage-appoint');
    await confirmDialog(street);
    await expectVisible(street.getByText('暂无申请'));

    await resident.reload();
    await expectVisible(resident.getByTestId('sage-appointment').getByText('潇湘社区乡贤监督工作站'));
    await expectVisible(resident.getByTestId('sage-appointment').getByText(/南街发〔2026〕3 号/));
    await e2e.screenshot(resident, 'sages-appointed');

    // The role came with the decision: the new 乡贤 files an opinion on a 四议两公开 procedure.
    await resident.goto(`${e2e.baseUrl}/#/packages/council/procedure/index?id=procedure-demo-playground`);
    await resident.locator('.nut-button', { hasText: '提出监督意见' }).click();
    await resident.getByTestId('opinion-form').locator('textarea').fill('请公布三家供应商的比价结果。');
    await resident.getByTestId('opinion-form').locator('.nut-button').click();
    await confirmDialog(resident);
    await expectVisible(
      resident.getByTestId('opinion-item').filter({ hasText: '请公布三家供应商的比价结果。' }).getByText('待答复'),
    );
  });
});
