import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { UPLOAD_COLLECTIONS } from '../../cloudfunctions/_core/domain/uploads';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('h5 in Chromium: a photo upload whose answer is lost leaves one file, not an orphan', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the upload reaches the server, its answer is lost; the photo waits on the phone and its retry is the same file', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    await expectVisible(page.getByTestId('report-add-photo'));
    const uploads = () => e2e.runtime.store.count(UPLOAD_COLLECTIONS.uploads, { ownerOpenid: 'demo-resident' });
    const before = await uploads();

    // The first upload is stored, then the connection drops before the answer arrives.
    let lost = 0;
    await page.route('**/api/files', async (route) => {
      if (lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('report-add-photo').click(),
    ]);
    await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await expectVisible(page.getByTestId('photo-pending').getByText('待上传'));
    expect(await uploads()).toBe(before + 1);

    const description = '单元门的闭门器坏了，门一直关不上。';
    await page.getByTestId('category-environment').click();
    await page.getByTestId('report-description').locator('textarea').fill(description);
    await page.getByTestId('report-address').locator('input').fill('潇湘社区 2 栋 1 单元');
    await page.getByTestId('report-submit').locator('.nut-button').click();
    await page.waitForURL(/packages\/reports\/detail\/index/, { timeout: 15_000 });

    const filed = (
      await e2e.runtime.store.find<ReportDoc>(
        REPORT_COLLECTIONS.reports,
        { reporterUserId: 'user-resident' },
        { limit: 1000 },
      )
    ).filter((r) => r.description === description);
    expect(filed).toHaveLength(1);
    expect(filed[0]?.photos).toHaveLength(1);
    // The retry named the file the lost answer would have: still one upload, and it is the report's.
    expect(await uploads()).toBe(before + 1);
    const photo = filed[0]?.photos[0] ?? '';
    expect(await e2e.runtime.store.get(UPLOAD_COLLECTIONS.uploads, photo)).toMatchObject({
      ownerOpenid: 'demo-resident',
    });
  });
});
