import { afterAll, beforeAll, describe, it } from 'vitest';
import { type E2E, expectVisible, startE2E, tapNut } from '../support/e2e';

describe('h5 in Chromium: the staff dashboard', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('staff open 数据看板 from home and read their community figures, switch period and grid', async () => {
    const page = await e2e.pageAs('demo-staff');
    await tapNut(page, '数据看板');
    const figures = page.getByTestId('dashboard-figures');
    await expectVisible(figures.getByText('事项分类'));
    await expectVisible(figures.getByText('办理状态'));
    await expectVisible(figures.getByText('议事协商'));
    await expectVisible(page.getByTestId('dashboard-volunteers').getByText('志愿服务时间银行（累计）'));
    await expectVisible(page.getByTestId('gridworker-rank').getByText('网格员评价'));
    await expectVisible(page.getByTestId('scope-picker').getByText('潇湘社区'));
    // How fresh the figures are (issue 19): exact as of the call, said in China time.
    await expectVisible(page.getByTestId('figures-as-of').getByText(/^截至 \d\d:\d\d$/));
    await e2e.screenshot(page, 'figures-dashboard-staff');
    // Another community is not offered to a community's staff.
    if ((await page.getByTestId('scope-picker').getByText('翠峰社区').count()) > 0) {
      throw new Error('staff were offered another community');
    }
    await page.getByTestId('period-picker').getByText('本月', { exact: true }).click();
    await expectVisible(figures.getByText('上报事项'));
    await page.getByTestId('scope-picker').getByText('潇湘第一网格', { exact: true }).click();
    await expectVisible(page.getByTestId('dashboard-figures').getByText('事项分类'));
  });
});
