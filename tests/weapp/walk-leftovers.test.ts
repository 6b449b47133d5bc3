import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Weapp } from './runtime';

/**
 * The h5 walk's leftovers where the weapp shows them, at WeChat's font 1.3 (关怀模式): WeChat's map
 * draws the grids without names, so 长辈版 names them below it; who published a disclosure carries
 * the role the server states, not one read from the nickname.
 */
describe('weapp in care mode: the map is named in words, the speaker’s role beside the name', () => {
  let weapp: Weapp;
  beforeAll(async () => {
    weapp = await Weapp.start({ persona: 'demo-resident', fontSizeScaleFactor: 1.3 });
  });
  afterAll(() => weapp?.close());

  it('a report’s map has the legend naming its grid', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('packages/reports/detail/index?id=report-demo-greenbelt');
    await weapp.waitForText('办理进度');
    expect(weapp.find('.main--page')[0]?.getAttribute('class')).toMatch(/\bmain--care\b/);
    const legend = weapp.find('.main--grid-map-legend');
    expect(legend).toHaveLength(1);
    expect(legend[0]?.textContent).toContain('潇湘第一网格');
  });

  it('a disclosure names who published it with 社区工作者 beside the name', async () => {
    await weapp.open('packages/council/disclosure/index?id=disclosure-demo-rental-resolution');
    await weapp.waitForText('发布');
    const badges = weapp.find('.main--speaker-badge').map((el) => el.textContent);
    expect(badges).toEqual(['社区工作者']);
    expect(weapp.text()).toMatch(/陈书记社区工作者\s*发布/);
  });

  it('an activity names its organiser with 社区工作者 beside the name', async () => {
    await weapp.open('packages/volunteer/activity/index?id=tb-act-reading');
    await weapp.waitForText('组织者：');
    expect(weapp.text()).toContain('组织者：陈书记社区工作者');
    expect(weapp.find('.main--speaker-badge').map((el) => el.textContent)).toEqual(['社区工作者']);
  });
});
