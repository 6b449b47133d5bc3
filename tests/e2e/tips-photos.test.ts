import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TipDoc } from '../../cloudfunctions/_core/domain/tips';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('h5 in Chromium: an anonymous tip with a photo reaches its officer, and the photo names nobody', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('anonymous switch → photo through the ticket → claim code → the officer sees the photo', async () => {
    const resident = await e2e.pageAs('demo-resident');
    await resident.getByText('举报奖励', { exact: true }).click();
    await resident.getByTestId('tip-schemes').getByText('安全生产举报奖励').click();
    await resident
      .getByTestId('tip-content')
      .locator('textarea')
      .fill('潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。');
    await resident.getByTestId('tip-anonymous').locator('.nut-switch').click();
    const [chooser] = await Promise.all([
      resident.waitForEvent('filechooser'),
      resident.getByTestId('tip-anonymous-photo-add').click(),
    ]);
    await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await resident.getByTestId('photo-tile').first().waitFor({ state: 'visible' });
    await press(resident, 'tip-submit');
    await expectVisible(resident.getByTestId('tip-claim'));

    const [tip] = await e2e.runtime.store.find<TipDoc>('tips', { anonymous: true }, { limit: 1 });
    expect(tip?.photos).toHaveLength(1);
    expect(tip?.tipsterUserId).toBeNull();
    const upload = await e2e.runtime.store.get<{ _id: string; ownerOpenid: string }>(
      'uploads',
      tip?.photos[0] as string,
    );
    expect(upload?.ownerOpenid).toBe('anonymous-tip');

    const officer = await e2e.pageAs('demo-tipofficer');
    await officer.getByText('举报受理', { exact: true }).click();
    await officer.getByTestId('tip-queue').getByText('安全生产举报奖励（匿名）').click();
    await expectVisible(officer.getByTestId('tip-detail').getByText('举报人：匿名'));
    await expectVisible(officer.getByTestId('tip-detail').locator('.photo img'));
    await e2e.screenshot(officer, 'tips-anonymous-photo');
  });
});
