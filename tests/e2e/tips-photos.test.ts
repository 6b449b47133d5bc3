import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TipDoc } from '../../cloudfunctions/_core/domain/tips';
import { type E2E, expectVisible, startE2E } from '../support/e2e';
import { noisePng } from '../support/png';

const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
/**
 * Realistic photos: 520×520 PNGs of noise (≈ 810 KB as picked), which the page re-encodes as JPEG
 * (≈ 180 KB sent, as a compressed phone photo): on main each went in one photo.add call and was
 * refused at the 100 KB cap.
 */
const PHOTO_A = noisePng(520, 520, 11);
const PHOTO_B = noisePng(520, 520, 12);

describe('h5 in Chromium: an anonymous tip with a photo reaches its officer, and the photo names nobody', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('anonymous switch → two ~180 KB photos in parts (one part dropped and retried, one upload stalled and continued) → claim code → the officer sees them', async () => {
    const resident = await e2e.pageAs('demo-resident');
    // The network drops chosen part calls: the first photo's part 1 once (retried at once), the
    // second photo's part 1 three times (the upload stalls and the person continues it).
    const sent: Array<{ photo: string; part: number; bytes: number }> = [];
    let drops: Record<string, number> = {};
    await resident.route('**/api/functions/tips', async (route) => {
      const body = route.request().postData() ?? '';
      const event = JSON.parse(body) as { action: string; payload: { photo: string; part: number } };
      if (event.action !== 'photo.part') return route.continue();
      sent.push({ photo: event.payload.photo, part: event.payload.part, bytes: Buffer.byteLength(body) });
      const keys = [...new Set(sent.map((x) => x.photo))];
      const which = `${keys.indexOf(event.payload.photo)}:${event.payload.part}`;
      if ((drops[which] ?? 0) > 0) {
        drops[which] = (drops[which] ?? 0) - 1;
        return route.abort('failed');
      }
      return route.continue();
    });
    await resident.getByText('举报奖励', { exact: true }).click();
    await resident.getByTestId('tip-schemes').getByText('安全生产举报奖励').click();
    await resident
      .getByTestId('tip-content')
      .locator('textarea')
      .fill('潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。');
    await resident.getByTestId('tip-anonymous').locator('.nut-switch').click();
    const pick = async (buffer: Buffer, name: string) => {
      const [chooser] = await Promise.all([
        resident.waitForEvent('filechooser'),
        resident.getByTestId('tip-anonymous-photo-add').click(),
      ]);
      await chooser.setFiles({ name, mimeType: 'image/png', buffer });
    };
    drops = { '0:1': 1 };
    await pick(PHOTO_A, 'a.png');
    await expect.poll(() => resident.getByTestId('photo-tile').count(), { timeout: 20_000 }).toBe(1);

    drops = { '1:1': 3 };
    await pick(PHOTO_B, 'b.png');
    await expectVisible(resident.getByTestId('tip-photo-stalled'), 20_000);
    await expectVisible(resident.getByText(/有一张照片未传完（已传 1\/\d 段）/));
    const beforeResume = sent.length;
    await resident.getByTestId('tip-photo-stalled').locator('.nut-button').click();
    await expect.poll(() => resident.getByTestId('photo-tile').count(), { timeout: 20_000 }).toBe(2);
    await press(resident, 'tip-submit');
    await expectVisible(resident.getByTestId('tip-claim'));

    // Every call under the cap; the first photo's dropped part sent twice, nothing else again.
    expect(Math.max(...sent.map((x) => x.bytes))).toBeLessThan(100 * 1024);
    const [keyA, keyB] = [...new Set(sent.map((x) => x.photo))];
    const partsA = sent.filter((x) => x.photo === keyA).map((x) => x.part);
    expect(partsA.slice(0, 3)).toEqual([0, 1, 1]);
    expect(new Set(partsA).size).toBe(partsA.length - 1);
    // The continued upload starts at the part that failed, not at the first one.
    const resumed = sent.slice(beforeResume).map((x) => x.part);
    expect(sent.slice(beforeResume).every((x) => x.photo === keyB)).toBe(true);
    expect(resumed[0]).toBe(1);
    expect(resumed).not.toContain(0);

    const [tip] = await e2e.runtime.store.find<TipDoc>('tips', { anonymous: true }, { limit: 1 });
    expect(tip?.photos).toHaveLength(2);
    expect(tip?.tipsterUserId).toBeNull();
    for (const fileId of tip?.photos ?? []) {
      const upload = await e2e.runtime.store.get<{ _id: string; ownerOpenid: string; size: number }>('uploads', fileId);
      expect(upload?.ownerOpenid).toBe('anonymous-tip');
      // Too large for one call: the reason parts exist.
      expect(upload?.size).toBeGreaterThan(100 * 1024);
    }
    expect(await e2e.runtime.store.count('tip_photo_parts', {})).toBe(0);

    const officer = await e2e.pageAs('demo-tipofficer');
    await officer.getByText('举报受理', { exact: true }).click();
    await officer.getByTestId('tip-queue').getByText('安全生产举报奖励（匿名）').click();
    await expectVisible(officer.getByTestId('tip-detail').getByText('举报人：匿名'));
    await expect.poll(() => officer.getByTestId('tip-detail').locator('.photo img').count()).toBe(2);
    await e2e.screenshot(officer, 'tips-anonymous-photo');
  });
});
