import { describe, expect, it } from 'vitest';
import { balanceOf } from '../../cloudfunctions/_core/ledger';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const CONTENT = '潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。';
const ROW = '安全生产举报奖励（匿名）';

describe('举报奖励 in the weapp: an anonymous tip, graded, approved by a second officer, followed by its code', () => {
  let weapp: Weapp;
  let claimCode = '';
  journeyApp({ persona: 'demo-resident' }, { name: 'tips', journey: '举报奖励' }, (app) => {
    weapp = app;
  });

  const row = () => weapp.card('.main--card', ROW);

  it('the resident files an anonymous safety tip and leaves with a claim code', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('packages/tips/report/index');
    await weapp.waitForText('安全生产举报奖励');
    await weapp.tap('安全生产举报奖励');
    await weapp.waitForText(/一级：举报重大事故隐患，经核查属实，奖励 3000 元/);
    await weapp.type(0, CONTENT, 'textarea');
    await weapp.tapSelector('.main--nut-switch');
    await weapp.waitForText('匿名举报的照片不记录上传人');
    await weapp.tap('提交');
    await weapp.waitForText('匿名举报已提交');
    claimCode = (weapp.find('.main--code')[0]?.textContent ?? '').trim();
    expect(claimCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(weapp.record.calls).toContainEqual({ name: 'tips', action: 'submit' });
  });

  it('the desk refuses the grid worker', async () => {
    await weapp.as('demo-gridworker');
    await weapp.open('packages/tips/desk/index');
    await weapp.waitForText('加载失败');
    expect(weapp.text()).not.toContain('易燃纸板');
  });

  it('the officer (demo-tipofficer) reads it and grades it; the grader cannot approve', async () => {
    await weapp.as('demo-tipofficer');
    await weapp.open('packages/tips/desk/index');
    await weapp.waitForText(ROW);
    await weapp.tapIn(row(), '查看内容 ›');
    await weapp.waitForText('易燃纸板');
    expect(weapp.text()).toContain('举报人：匿名');
    expect(weapp.text()).toContain('本次查看已记录。');
    await weapp.tap('二级 1000 元');
    await weapp.type(0, '消防大队核查属实，已责令清理', 'textarea');
    await weapp.tap('提交评定');
    await weapp.waitForText('暂无举报');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已评定，待复核');
    await weapp.tap('待复核');
    await weapp.waitForText(ROW);
    await weapp.tapIn(row(), '查看内容 ›');
    await weapp.waitForText('由您评定，需另一名受理员复核。');
    expect(weapp.text()).not.toContain('复核通过');
  });

  it('the second officer (demo-tipchecker) approves it', async () => {
    await weapp.as('demo-tipchecker');
    await weapp.open('packages/tips/desk/index');
    await weapp.waitForText('待复核');
    await weapp.tap('待复核');
    await weapp.waitForText(ROW);
    await weapp.tapIn(row(), '查看内容 ›');
    await weapp.waitForText('复核通过');
    expect(weapp.text()).toContain('评定：二级，奖励 1000 元；依据：消防大队核查属实');
    await weapp.tap('复核通过');
    await weapp.waitForText('将核发奖励 1000 元，只核发一次。');
    await weapp.tap('确认');
    await weapp.waitForText('暂无举报');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已复核');
  });

  it('the tipster follows it by the code alone; paid out once against the code', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/tips/mine/index');
    await weapp.waitForText('匿名举报查询');
    await weapp.type(0, claimCode, 'input');
    await weapp.tap('查询');
    await weapp.waitForText('评定：二级，奖励 1000 元');
    expect(weapp.text()).toContain('请携带身份证（匿名的出示领取码）到社区综治中心领取');

    await weapp.as('demo-tipofficer');
    await weapp.open('packages/tips/desk/index');
    await weapp.waitForText('待发放');
    await weapp.tap('待发放');
    await weapp.waitForText(ROW);
    await weapp.tapIn(row(), '查看内容 ›');
    await weapp.waitForText('奖励 1000 元待发放。');
    await weapp.type(0, claimCode, 'input');
    await weapp.tap('登记发放');
    await weapp.waitForText('已向举报人发放 1000 元。');
    await weapp.tap('确认');
    await weapp.waitForText('暂无举报');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已登记发放');

    await weapp.as('demo-resident');
    await weapp.open('packages/tips/mine/index');
    await weapp.waitForText('匿名举报查询');
    await weapp.type(0, claimCode, 'input');
    await weapp.tap('查询');
    await weapp.waitForText('奖励已领取');
    expect((await balanceOf(weapp.loopback.backing, 'RW:sink:community-xiaoxiang')).balance).toBe(1000);
  });
});
