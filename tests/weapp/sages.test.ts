import { describe, expect, it } from 'vitest';
import { SAGE_STANDARDS } from '../../cloudfunctions/_core/domain/sages';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const STATEMENT = '我在潇湘社区住了三十年，退休前是中学教师，愿意监督社区财务公开和工程项目。';
const STATION = '潇湘社区乡贤监督工作站';
const DECISION = '南街发〔2026〕3 号';
const OPINION = '请公布三家供应商的比价结果。';

describe('乡贤选任 in the weapp: apply, qualification review, the street appoints, then an opinion', () => {
  let weapp: Weapp;
  journeyApp({ persona: 'demo-resident' }, { name: 'sages', journey: '乡贤选任' }, (app) => {
    weapp = app;
  });

  const row = () => weapp.card('.main--card', '张阿姨');

  it('the resident reads the standards and applies with a statement and a reference', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('packages/sages/apply/index');
    await weapp.waitForText('无违法犯罪记录');
    expect(weapp.text()).toContain('资格标准');
    await weapp.type(0, STATEMENT, 'textarea');
    await weapp.type(0, '李大爷', 'input');
    await weapp.type(1, '老邻居', 'input');
    await weapp.type(2, '13900000001', 'input');
    await weapp.tap('提交申请');
    await weapp.waitForText('待资格审查');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已提交申请');
    expect(weapp.text()).not.toContain('申请担任乡贤监督员');
  });

  it('staff check every standard and pass the qualification review', async () => {
    await weapp.as('demo-staff');
    await weapp.open('packages/sages/review/index');
    await weapp.waitForText('张阿姨');
    await weapp.tapIn(row(), '办理 ›');
    await weapp.waitForText('推荐人：李大爷（老邻居）139****0001');
    expect(weapp.text()).toContain(STATEMENT);
    // The checks load the community's published standards.
    await weapp.waitForText('不符合');
    for (let i = 0; i < SAGE_STANDARDS.length; i++) await weapp.tap('符合', i);
    await weapp.type(0, '经走访邻里核实，符合全部条件', 'textarea');
    await weapp.tap('提交审查');
    await weapp.waitForText('暂无申请');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已提交审查');
  });

  it('the street admin appoints at a station with a decision number', async () => {
    await weapp.as('demo-admin');
    await weapp.open('packages/sages/review/index');
    await weapp.waitForText('待街道审定');
    await weapp.tap('待街道审定');
    await weapp.waitForText('张阿姨');
    await weapp.tapIn(row(), '办理 ›');
    await weapp.waitForText('不予聘任');
    await weapp.tap(STATION);
    await weapp.type(0, DECISION, 'input');
    await weapp.type(1, '经街道党工委会议研究同意', 'input');
    await weapp.tap('聘任');
    await weapp.waitForText('聘任后即授予乡贤监督员权限，任期 3 年。');
    await weapp.tap('确认');
    await weapp.waitForText('暂无申请');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已聘任');
  });

  it('the new 乡贤 sees the term and, with the role the decision granted, files an opinion', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/sages/apply/index');
    await weapp.waitForText(`${STATION}在任${DECISION} · 任期`);
    expect(weapp.text()).toContain(`街道决定 ${DECISION}：经街道党工委会议研究同意`);

    await weapp.open('packages/council/procedure/index?id=procedure-demo-playground');
    await weapp.waitForText('提出监督意见');
    await weapp.tap('提出监督意见');
    await weapp.waitForText('提交意见');
    expect(weapp.page.route).toBe('packages/council/opinions/index');
    await weapp.type(0, OPINION, 'textarea');
    await weapp.tap('提交意见');
    await weapp.waitForText('意见提交后社区须逐条答复。确定提交吗？');
    await weapp.tap('确认');
    // The opinion is listed, open until the community answers it.
    await weapp.waitForText(`${OPINION}待答复`);
    const card = weapp.card('.main--council-item', OPINION);
    expect(card.textContent).toContain('张阿姨');
    // The role the street's decision granted, said by the server beside her name; and the way to
    // what she supervises is a text link (TextLink: a 44 px row in its style sheet).
    expect([...card.querySelectorAll('.main--speaker-badge')].map((el) => el.textContent)).toEqual(['乡贤监督员']);
    const link = [...card.querySelectorAll('.main--text-link')].find((el) => el.textContent === '查看监督对象 ›');
    expect(link).toBeDefined();
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已提交');
    expect(weapp.record.calls.map((c) => `${c.name}.${c.action}`)).toEqual(
      expect.arrayContaining(['sages.apply', 'sages.review', 'sages.decide', 'deliberation.opinion.file']),
    );
  });
});
