import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

describe('爱心超市 in the weapp: a resident redeems, staff approves, pickup by code', () => {
  let weapp: Weapp;
  let pickupCode = '';
  journeyApp({ persona: 'demo-resident' }, { name: 'greencoin', journey: '爱心超市' }, (app) => {
    weapp = app;
  });

  it('the resident requests two towels; coins are held', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('packages/greencoin/shop/index');
    await weapp.waitForText('毛巾两条装');
    expect(weapp.text()).toContain('可用绿币：70');
    await weapp.tapIn(weapp.card('.main--gc-item', '毛巾两条装'), '兑换');
    await weapp.waitForText('共需');
    // The stepper's + is a NutUI <i> icon: without a weapp template for <i> it drew nothing to tap.
    expect(weapp.find('.main--nut-icon-Plus').length).toBe(1);
    await weapp.tapSelector('.main--nut-inputnumber-add');
    await weapp.waitForText('共需 30 绿币');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确认兑换');
    // A request lands on 我的兑换, pending review.
    await weapp.waitForText('毛巾两条装 ×2');
    expect(weapp.page.route).toBe('packages/greencoin/redemptions/index');
    expect(weapp.record.calls).toContainEqual({ name: 'greencoin', action: 'redeem.request' });
    expect(weapp.card('.main--gc-item', '毛巾两条装').textContent).toContain('待审核');
    await weapp.open('packages/greencoin/shop/index');
    await weapp.waitForText('可用绿币：40');
  });

  it('staff approve it in the queue', async () => {
    await weapp.as('demo-staff');
    await weapp.open('packages/greencoin/queue/index');
    await weapp.waitForText('毛巾两条装 ×2');
    await weapp.tapIn(weapp.card('.main--gc-item', '毛巾两条装 ×2'), '通过');
    await weapp.waitForText('确定通过');
    await weapp.tap('确定通过');
    await weapp.waitForText('没有待审核的兑换申请');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已通过');
  });

  it('the resident sees a pickup code; staff confirm the pickup with it', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/greencoin/redemptions/index');
    await weapp.waitForText('到爱心超市出示二维码或领取码');
    pickupCode = (weapp.find('.main--gc-code')[0]?.textContent ?? '').trim();
    expect(pickupCode).toMatch(/^\d{6}$/);

    await weapp.as('demo-staff');
    await weapp.open('packages/greencoin/pickup/index');
    await weapp.waitForText('输入居民出示的领取码');
    await weapp.type(0, pickupCode, 'input');
    await weapp.tap('确认已领取');
    await weapp.waitForText('毛巾两条装');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已确认领取');

    await weapp.as('demo-resident');
    await weapp.open('packages/greencoin/redemptions/index');
    await weapp.waitForText(/已于 .* 领取/);
    // 70 before, 30 spent: the hold became a posting, once.
    await weapp.open('packages/greencoin/shop/index');
    await weapp.waitForText('可用绿币：40');
  });
});
