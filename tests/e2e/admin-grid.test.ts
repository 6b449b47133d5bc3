import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type GridDoc } from '../../cloudfunctions/_core/domain/people';
import { DEMO } from '../../local/seed';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** 潇湘第二网格 redrawn a little further north, pasted as a bare ring the way a map tool exports it. */
const RING = [
  [112.9412, 28.2305],
  [112.9447, 28.2309],
  [112.9452, 28.2285],
  [112.9418, 28.2281],
  [112.9412, 28.2305],
];

describe('h5 in Chromium: an admin edits a grid’s address list and outline, and sees the outline drawn', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('pastes the address list and an outline; a broken outline is explained before saving; saved, reports use it', async () => {
    const page = await e2e.pageAs('demo-admin');
    await page.goto(`${e2e.baseUrl}/#/packages/admin/places/index`);
    const community = page.getByTestId(`community-${DEMO.communityA}`);
    const row = community.locator('.row', { hasText: '潇湘第二网格' });
    await expectVisible(row.getByText('边界 6 个点'));
    await row.locator('.nut-button', { hasText: '编辑' }).click();
    const editor = page.getByTestId('place-editor');
    // The seeded outline, drawn bold over the dashed neighbour (潇湘第一网格).
    await expectVisible(editor.getByTestId('place-outline-map'));
    expect(await editor.locator('svg path[data-grid]').count()).toBe(2);
    await expectVisible(editor.getByTestId('place-outline-summary').getByText('边界 6 个点，虚线为本社区其他网格'));

    await editor
      .getByTestId('place-addresses')
      .locator('textarea')
      .fill('5 栋 1 单元\n5 栋 2 单元\n5 栋 2 单元\n8 栋 1 单元\n北门快递柜');
    // An outline whose last point is not its first: said before anything is sent.
    await editor
      .getByTestId('place-outline')
      .locator('textarea')
      .fill(JSON.stringify(RING.slice(0, -1)));
    await expectVisible(editor.getByTestId('place-outline-problem').getByText('没有闭合', { exact: false }));
    expect(await editor.getByTestId('place-outline-map').count()).toBe(0);
    // Latitude and longitude swapped: named as such.
    await editor
      .getByTestId('place-outline')
      .locator('textarea')
      .fill(JSON.stringify(RING.map(([x, y]) => [y, x])));
    await expectVisible(
      editor.getByTestId('place-outline-problem').getByText('请按「经度, 纬度」的顺序填写', { exact: false }),
    );

    await editor.getByTestId('place-outline').locator('textarea').fill(JSON.stringify(RING));
    await expectVisible(editor.getByTestId('place-outline-summary').getByText('边界 4 个点', { exact: false }));
    await editor.getByTestId('place-outline-map').scrollIntoViewIfNeeded();
    await editor.screenshot({ path: '/work/brief/shots/residents-admin-grid-outline.png' });
    await editor.locator('.nut-button', { hasText: '保存' }).click();
    await expectVisible(row.getByText('边界 4 个点', { exact: false }));

    const grid = await e2e.runtime.store.get<GridDoc>(COLLECTIONS.grids, DEMO.gridA2);
    expect(grid?.boundary).toEqual({ type: 'Polygon', coordinates: [RING] });
    // Pasted twice, kept once.
    expect(grid?.addresses).toEqual(['5 栋 1 单元', '5 栋 2 单元', '8 栋 1 单元', '北门快递柜']);
  });
});
