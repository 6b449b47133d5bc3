import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const PROBLEM = '3 号楼东门垃圾站满了，三天没人清运，气味很大。';

describe('随手拍 in the weapp: resident files with a photo, grid worker accepts and resolves, resident rates', () => {
  let weapp: Weapp;
  let reportId = '';
  journeyApp({ persona: 'demo-resident' }, { name: 'reports', journey: '随手拍' }, (app) => {
    weapp = app;
  });

  it('the resident files 随手拍 with a photo and lands on its detail with a timeline', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('pages/report/index');
    await weapp.waitForText('问题类别');
    // WeChat's default font scale: no 关怀模式 (the care sweep in pages.test.ts runs at 1.3).
    expect(weapp.find('.main--page')[0]?.getAttribute('class')).not.toMatch(/\bmain--care\b/);
    await weapp.tap('+');
    await weapp.waitForText('1/9');
    expect(weapp.find('wx-image').length).toBe(1);
    await weapp.tap('环境卫生');
    await weapp.waitForText('时限：');
    await weapp.type(0, PROBLEM, 'textarea');
    await weapp.tap('地图选点');
    // The point is inside the reporter's home grid: the grid comes from the place, said in words.
    await weapp.waitForText('位置在潇湘第一网格内');
    await weapp.tap('提交上报');
    await weapp.waitForText(PROBLEM);
    expect(weapp.page.route).toBe('packages/reports/detail/index');
    // The success toast quotes the case number to keep.
    expect(weapp.record.toasts.map((t) => t.title)).toContainEqual(
      expect.stringMatching(/^上报成功，工单编号 [A-Z]{2}-\d{8}-\d{4}$/),
    );
    reportId = weapp.page.query.id ?? '';
    expect(reportId).not.toBe('');
    // The timeline's first entry, and the photo the resident took.
    expect(weapp.text()).toMatch(/办理进度.*提交上报 · 待受理/);
    expect(weapp.find('wx-image').length).toBeGreaterThanOrEqual(1);
  });

  it('the report is in 我的上报', async () => {
    await weapp.open('packages/reports/mine/index');
    await weapp.waitForText(PROBLEM);
    expect(weapp.text()).toMatch(/环境卫生待受理3 号楼东门垃圾站满了/);
  });

  it('the grid worker accepts and resolves it with an answer and a photo', async () => {
    await weapp.as('demo-gridworker');
    await weapp.open(`packages/reports/detail/index?id=${reportId}`);
    // The assignee accepts and starts the work in one tap.
    await weapp.waitForText('受理并开始办理');
    await weapp.tap('受理并开始办理');
    await weapp.waitForText('办结并答复');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已受理，开始办理');
    await weapp.tap('+');
    await weapp.waitForText('1/9');
    await weapp.type(0, '已联系环卫清运，以后每天早晚各清一次。', 'textarea');
    await weapp.tap('办结并答复');
    await weapp.waitForText('确认办结');
    await weapp.tap('确认');
    await weapp.waitForText('已办结，等待评价');
    expect(weapp.text()).toContain('已联系环卫清运');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已办结');
  });

  it('the resident finds it answered in 我的上报 and rates it; the timeline shows every step', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/reports/mine/index');
    await weapp.waitForText(PROBLEM);
    await weapp.tap(PROBLEM);
    await weapp.waitForText('请评价办理结果');
    expect(weapp.page.route).toBe('packages/reports/detail/index');
    // 「好差评」 five levels: 非常满意 closes the case.
    await weapp.tap('非常满意');
    await weapp.tap('提交评价');
    await weapp.waitForText('评价后事项将办结。');
    await weapp.tap('确认');
    await weapp.waitForText('评价：非常满意');
    const text = weapp.text();
    for (const step of ['提交上报', '受理', '办结']) expect(text).toContain(step);
    // Who spoke, from the server's record: the grid worker's steps (and 办理人) carry 网格员; the
    // resident's own steps (提交上报, 评价) carry none.
    const badges = weapp.find('.main--speaker-badge').map((el) => el.textContent);
    expect(badges.length).toBeGreaterThanOrEqual(2);
    expect(new Set(badges)).toEqual(new Set(['网格员']));
    expect(weapp.text()).toContain('答复人：王网格网格员');
    const ownStep = weapp.card('.main--timeline-body', '提交上报');
    expect(ownStep.querySelector('.main--speaker-badge')).toBeNull();
    expect(text).not.toContain('请评价办理结果');
    // What the pages showed is what the bundles wrote to CloudBase.
    const stored = await weapp.loopback.backing.get<{
      _id: string;
      status: string;
      caseNo?: string;
      rating?: { score: number; satisfied: boolean };
    }>('reports', reportId);
    expect(stored?.rating).toMatchObject({ score: 5, satisfied: true });
    // The case number the resident can quote on the phone is on the page.
    expect(stored?.caseNo).toMatch(/^[A-Z]{2}-\d{8}-\d{4}$/);
    expect(text).toContain(stored?.caseNo ?? '—');
    expect(weapp.record.calls.map((c) => `${c.name}.${c.action}`)).toEqual(
      expect.arrayContaining(['reports.submit', 'reports.accept', 'reports.resolve', 'reports.rate']),
    );
  });
});
