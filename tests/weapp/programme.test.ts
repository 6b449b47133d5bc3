import { describe, expect, it } from 'vitest';
import { noisePng } from '../support/png';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

describe('the street in the weapp: designates a tip officer and revokes, renews and removes a 乡贤', () => {
  let weapp: Weapp;
  journeyApp({ persona: 'demo-admin' }, { name: 'programme', journey: '举报受理员与乡贤任期' }, (app) => {
    weapp = app;
  });

  it('举报受理员: the scheme’s officers, designate a community’s resident (confirmed), then revoke', async () => {
    await weapp.open('packages/tips/officers/index');
    await weapp.waitForText('赵警官');
    await weapp.tap('见义勇为人员奖励');
    await weapp.waitForText('孙主任');
    await weapp.tap('指定受理员');
    await weapp.waitForText('从社区人员中选择');
    // The first 潇湘社区 is the area served, the second where the person is picked from.
    await weapp.tap('潇湘社区', 0);
    await weapp.tap('潇湘社区', 1);
    await weapp.waitForText('小李');
    await weapp.tapIn(weapp.card('.main--row-head', '小李'), '指定');
    await weapp.waitForText('指定 小李 为「见义勇为人员奖励」举报受理员（潇湘社区）');
    await weapp.tap('确认');
    await weapp.waitForText('撤销指定');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已指定');
    expect(weapp.text()).toMatch(/小李潇湘社区/);

    await weapp.tap('撤销指定', 2);
    await weapp.waitForText('撤销 小李 的「见义勇为人员奖励」举报受理员指定（潇湘社区）');
    await weapp.tap('确认');
    await weapp.waitForText('孙主任');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已撤销');
    expect(weapp.record.calls.map((c) => `${c.name}.${c.action}`)).toEqual(
      expect.arrayContaining(['tips.officer.list', 'tips.officer.grant', 'tips.officer.revoke']),
    );
  });

  it('乡贤任期: the roster, renew to the proposed day with a reason, then remove with a reason', async () => {
    await weapp.open('packages/sages/terms/index');
    await weapp.waitForText('翠峰社区');
    await weapp.tap('潇湘社区');
    await weapp.waitForText('刘老先生');
    expect(weapp.text()).toContain('潇湘社区乡贤监督工作站');
    await weapp.tap('刘老先生');
    await weapp.waitForText('新的任期届满日');
    await weapp.type(0, '任期内履职认真，群众认可', 'input');
    await weapp.tap('续聘');
    await weapp.waitForText(/续聘 刘老先生，任期至 \d{4}年\d{1,2}月\d{1,2}日/);
    const day = /任期至 (\d{4}年\d{1,2}月\d{1,2}日)/.exec(weapp.text())?.[1] as string;
    await weapp.tap('确认');
    await weapp.waitForText(`至 ${day}（`);
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已续聘');

    await weapp.tap('刘老先生');
    await weapp.waitForText('新的任期届满日');
    await weapp.type(0, '连续半年未参加监督活动', 'input');
    await weapp.tap('解聘');
    await weapp.waitForText('解聘 刘老先生，收回乡贤监督员权限。');
    await weapp.tap('确认');
    await weapp.waitForText('解聘理由：连续半年未参加监督活动');
    expect(weapp.text()).toContain('已解聘');
    expect(weapp.record.calls.map((c) => `${c.name}.${c.action}`)).toEqual(
      expect.arrayContaining(['sages.appointments', 'sages.renew', 'sages.remove']),
    );
  });

  it('an anonymous tip with a 200 KB photo: its parts go to tips.photo.part with a ticket, never to the uploader’s folder', async () => {
    // A realistic photo (a call's body is capped at 100 KB: on main this one was refused).
    const photo = noisePng(256, 256, 3);
    expect(photo.length).toBeGreaterThan(190_000);
    const parts = Math.ceil(photo.length / 65_535);
    weapp.willPickPhotos(photo);
    await weapp.as('demo-resident');
    await weapp.open('packages/tips/report/index');
    await weapp.waitForText('安全生产举报奖励');
    await weapp.tap('安全生产举报奖励');
    await weapp.type(0, '潇湘路 6 号废品站在居民楼下堆放大量易燃纸板，还私拉电线充电。', 'textarea');
    await weapp.tapSelector('.main--nut-switch');
    await weapp.waitForText('匿名举报的照片不记录上传人');
    const uploadsBefore = weapp.record.calls.length;
    await weapp.tap('+');
    await weapp.waitForText('1/6');
    await weapp.tap('提交');
    await weapp.waitForText('匿名举报已提交');
    const calls = weapp.record.calls.slice(uploadsBefore).map((c) => `${c.name}.${c.action}`);
    expect(calls).toEqual(['tips.photo.ticket', ...Array(parts).fill('tips.photo.part'), 'tips.submit']);
    expect(weapp.record.missing).toEqual([]);
    expect(weapp.record.toasts.map((t) => t.title)).not.toContain('提交的内容太大');

    await weapp.as('demo-tipofficer');
    await weapp.open('packages/tips/desk/index');
    await weapp.waitForText('安全生产举报奖励（匿名）');
    await weapp.tap('安全生产举报奖励（匿名）');
    await weapp.waitForText('举报人：匿名');
    expect(weapp.find('.main--photo').length).toBe(1);
  });

  it('a part the network drops is sent again; a photo that stalls continues from that part with 继续上传', async () => {
    const photo = noisePng(256, 256, 4);
    const parts = Math.ceil(photo.length / 65_535);
    weapp.willPickPhotos(photo);
    const sent: number[] = [];
    // Part 1 is dropped three times: every try the client makes, so the upload stalls there.
    weapp.dropCalls((name, data) => {
      if (name !== 'tips' || data?.action !== 'photo.part') return false;
      sent.push(data.payload.part);
      return data.payload.part === 1;
    }, 3);
    await weapp.as('demo-resident');
    await weapp.open('packages/tips/report/index');
    await weapp.waitForText('安全生产举报奖励');
    await weapp.tap('安全生产举报奖励');
    await weapp.type(0, '潇湘路 8 号楼道里堆满电动车，夜里还在楼道里充电。', 'textarea');
    await weapp.tapSelector('.main--nut-switch');
    await weapp.waitForText('匿名举报的照片不记录上传人');
    await weapp.tap('+');
    await weapp.waitForText(`有一张照片未传完（已传 1/${parts} 段）`);
    expect(sent).toEqual([0, 1, 1, 1]);
    await weapp.tap('继续上传');
    await weapp.waitForText('1/6');
    // Continued at part 1: part 0 is not sent again.
    expect(sent).toEqual([0, 1, 1, 1, ...Array.from({ length: parts - 1 }, (_, i) => i + 1)]);
    await weapp.tap('提交');
    await weapp.waitForText('匿名举报已提交');
  });
});
