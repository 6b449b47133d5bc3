import { describe, expect, it } from 'vitest';
import { GC_COLLECTIONS, type RubricDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

describe('领取设置 in the weapp: staff edit where, when and how long residents collect', () => {
  let weapp: Weapp;
  journeyApp({ persona: 'demo-staff' }, { name: 'pickup-settings', journey: '领取设置' }, (app) => {
    weapp = app;
  });

  const rubric = () => weapp.loopback.backing.get<RubricDoc>(GC_COLLECTIONS.rubrics, 'community-xiaoxiang');

  it('reached from 商品与库存; a wrong draft says why and saves nothing', async () => {
    await weapp.open('packages/greencoin/goods/index');
    await weapp.tap('领取地点与时间');
    await weapp.waitForText('爱心超市领取设置');
    await weapp.type(2, '45', 'input');
    await weapp.waitForText('领取期限最多 30 天');
    await weapp.tap('保存');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('领取期限最多 30 天');
    expect(weapp.record.calls).not.toContainEqual({ name: 'greencoin', action: 'pickup.save' });
    expect((await rubric())?.pickup?.days).toBe(7);
  });

  it('a valid one is saved and what the store holds is what was typed', async () => {
    await weapp.type(0, '潇湘社区 3 栋架空层爱心超市', 'input');
    await weapp.type(1, '每天 8:30–20:00', 'input');
    await weapp.type(2, '5', 'input');
    await weapp.tap('保存');
    for (let i = 0; i < 40 && !weapp.record.toasts.some((t) => t.title === '领取设置已保存'); i++)
      await weapp.settle(30, 500);
    expect(weapp.record.toasts.map((t) => t.title)).toContain('领取设置已保存');
    expect((await rubric())?.pickup).toEqual({
      place: '潇湘社区 3 栋架空层爱心超市',
      hours: '每天 8:30–20:00',
      days: 5,
    });
  });
});
