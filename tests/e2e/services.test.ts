import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

// A real 1×1 PNG: the browser decodes it, the gateway stores it as image/png.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** NutUI buttons render inside taro-button-core: click the .nut-button itself. */
const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

async function addPhoto(page: Page, testId: string): Promise<void> {
  const before = await page.getByTestId('photo-tile').count();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(testId).click()]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('photo-tile').nth(before).waitFor({ state: 'visible', timeout: 10_000 });
}

describe('h5 in Chromium: 社区为民服务 — a residence certificate with a 补正, collected with a code', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('resident applies → staff ask for the rental contract → resident supplies it → accepted, done → collected by code', async () => {
    const resident = await e2e.pageAs('demo-resident');
    await resident.getByText('便民服务', { exact: true }).click();
    const card = resident.getByTestId('service-item-svc-residence-xiaoxiang');
    await expectVisible(card.getByText(/所需材料：居民身份证、户口簿或房屋产权证明、租房合同/));
    await expectVisible(card.getByText('承诺时限：受理后 3 日内办结'));
    await e2e.screenshot(resident, 'services-catalogue');
    await card.locator('.nut-button').click();
    await resident.waitForURL(/packages\/services\/apply\/index/);
    await addPhoto(resident, 'material-add-0');
    await addPhoto(resident, 'material-add-1');
    await press(resident, 'services-submit');
    await resident.waitForURL(/packages\/services\/mine\/index/);
    await expectVisible(
      resident.getByTestId('services-application').filter({ hasText: '居住证明' }).getByText('待受理'),
    );

    const staff = await e2e.pageAs('demo-staff');
    await staff.getByText('服务窗口', { exact: true }).click();
    await staff.getByTestId('window-queue').getByText('居住证明 · 张阿姨').click();
    await expectVisible(staff.getByTestId('window-detail').getByText('租房合同（租住的提供）（未上传）'));
    await staff.getByTestId('window-missing').getByText('租房合同（租住的提供）').click();
    await staff.getByTestId('window-note').locator('textarea').fill('您登记为租住，请补交租房合同照片。');
    await press(staff, 'window-ask');
    await expectVisible(staff.getByText('暂无申请'));

    await resident.reload();
    await resident.getByTestId('services-application').filter({ hasText: '居住证明' }).getByText('查看进度 ›').click();
    await expectVisible(resident.getByTestId('services-supplement').getByText('需补交：租房合同（租住的提供）'));
    await e2e.screenshot(resident, 'services-supplement');
    await addPhoto(resident, 'supply-add-0');
    await press(resident, 'services-supply');
    await expectVisible(resident.getByTestId('services-detail').getByText(/补交材料/));
    await expectVisible(
      resident.getByTestId('services-application').filter({ hasText: '居住证明' }).getByText('待受理'),
    );

    await staff.reload();
    await staff.getByTestId('window-queue').getByText('居住证明 · 张阿姨').click();
    await press(staff, 'window-accept');
    await expectVisible(staff.getByTestId('window-application').getByText('办理中'));
    await press(staff, 'window-approve');
    await confirmDialog(staff);
    await expectVisible(staff.getByText('暂无申请'));

    await resident.reload();
    await resident.getByTestId('services-application').filter({ hasText: '居住证明' }).getByText('查看进度 ›').click();
    const codeText = (await resident.getByTestId('pickup-code').locator('.code').textContent()) ?? '';
    expect(codeText).toMatch(/^\d{6}$/);
    await e2e.screenshot(resident, 'services-pickup-code');

    await staff.getByTestId('window-code').locator('input').fill(codeText);
    await press(staff, 'window-collect');
    await confirmDialog(staff);
    await staff.getByTestId('window-filters').getByText('已领取', { exact: true }).click();
    await expectVisible(staff.getByTestId('window-queue').getByText('居住证明 · 张阿姨'));

    await resident.reload();
    await expectVisible(
      resident.getByTestId('services-application').filter({ hasText: '居住证明' }).getByText('已领取'),
    );
  });

  it('the 乡贤 reads the seal register and the figures; a resident cannot', async () => {
    const sage = await e2e.pageAs('demo-sage');
    await sage.getByText('用印监督', { exact: true }).click();
    await expectVisible(sage.getByTestId('seal-register').getByText('曲靖市家庭经济困难学生认定申请表'));
    await expectVisible(
      sage
        .getByTestId('seal-entry')
        .first()
        .getByText(/批准人：陈书记/),
    );
    await expectVisible(sage.getByTestId('services-figures').getByText('居住证明'));
    await e2e.screenshot(sage, 'services-seal-register');
    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/services/seals/index`);
    await expectVisible(resident.getByText('加载失败').first());
  });
});
