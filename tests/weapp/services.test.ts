import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const ITEM = '居住证明';
const CONTRACT = '租房合同（租住的提供）';

describe('社区为民服务 in the weapp: a residence certificate with a 补正, collected with a code', () => {
  let weapp: Weapp;
  let applicationId = '';
  journeyApp({ persona: 'demo-resident' }, { name: 'services', journey: '为民服务' }, (app) => {
    weapp = app;
  });

  const residentApplication = () => weapp.card('.main--card', ITEM);
  const windowApplication = () => weapp.card('.main--card', `${ITEM} · 张阿姨`);

  it('the resident reads the catalogue and applies with photos of two materials', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('packages/services/catalogue/index');
    await weapp.waitForText(`所需材料：居民身份证、户口簿或房屋产权证明、${CONTRACT}`);
    expect(weapp.text()).toContain('承诺时限：受理后 3 日内办结');
    await weapp.tapIn(weapp.card('.main--card', `所需材料：居民身份证、户口簿或房屋产权证明、${CONTRACT}`), '在线申请');
    await weapp.waitForText('请逐项拍照上传材料');
    expect(weapp.page.route).toBe('packages/services/apply/index');
    // One picker per material; chooseMedia hands back the fixture photo, which is uploaded at once.
    await weapp.tap('+', 0);
    await weapp.waitForText('1/6');
    await weapp.tap('+', 1);
    await weapp.waitForText(/1\/6.*1\/6/);
    expect(weapp.find('wx-image').length).toBe(2);
    await weapp.tap('提交申请');
    await weapp.waitForText('查看进度 ›');
    expect(weapp.page.route).toBe('packages/services/mine/index');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已提交申请');
    expect(residentApplication().textContent).toContain('待受理');
    const [mine] = await weapp.loopback.backing.find<{ _id: string; materials: unknown[] }>('service_applications', {
      itemId: 'svc-residence-xiaoxiang',
    });
    applicationId = mine?._id ?? '';
    expect(applicationId).not.toBe('');
    expect(mine?.materials).toHaveLength(2);
  });

  it('staff see the contract missing and ask for it (补正)', async () => {
    await weapp.as('demo-staff');
    await weapp.open('packages/services/window/index');
    await weapp.waitForText(`${ITEM} · 张阿姨`);
    await weapp.tapIn(windowApplication(), '办理 ›');
    await weapp.waitForText(`${CONTRACT}（未上传）`);
    await weapp.tap(CONTRACT);
    await weapp.type(0, '您登记为租住，请补交租房合同照片。', 'textarea');
    await weapp.tap('告知补正');
    await weapp.waitForText('暂无申请');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已告知补正');
  });

  it('the resident is told what is missing and supplies it', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/services/mine/index');
    await weapp.waitForText(ITEM);
    expect(residentApplication().textContent).toContain('待补正');
    await weapp.tapIn(residentApplication(), '查看进度 ›');
    await weapp.waitForText(`需补交：${CONTRACT}`);
    expect(weapp.text()).toContain('您登记为租住，请补交租房合同照片。');
    await weapp.tap('+');
    await weapp.waitForText('1/6');
    await weapp.tap('补交材料');
    // The timeline gains the step; the application is back in the queue, nothing missing.
    await weapp.waitForText(/\d{2}:\d{2} 补交材料/);
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已补交材料');
    expect(residentApplication().textContent).toContain('待受理');
    expect(weapp.text()).not.toContain('需补交');
  });

  it('staff accept and approve it', async () => {
    await weapp.as('demo-staff');
    await weapp.open('packages/services/window/index');
    await weapp.waitForText(`${ITEM} · 张阿姨`);
    await weapp.tapIn(windowApplication(), '办理 ›');
    // 待受理 is on the row already: wait for the 受理 button itself.
    await weapp.waitForExact('受理');
    expect(weapp.text()).not.toContain(`${CONTRACT}（未上传）`);
    await weapp.tapExact('受理');
    await weapp.waitForText('办理中');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已受理');
    await weapp.tap('办结');
    await weapp.waitForText('办结后将通知申请人凭领取码领取。');
    await weapp.tap('确认');
    await weapp.waitForText('暂无申请');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已办结');
  });

  it('the resident sees a pickup code; staff hand over by the code', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/services/mine/index');
    await weapp.waitForText(ITEM);
    await weapp.tapIn(residentApplication(), '查看进度 ›');
    await weapp.waitForText('请凭领取码到');
    const code = (weapp.find('.main--code')[0]?.textContent ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);

    await weapp.as('demo-staff');
    await weapp.open('packages/services/window/index');
    await weapp.waitForText('凭领取码交付');
    await weapp.type(0, code, 'input');
    await weapp.tap('确认领取');
    await weapp.waitForText(`领取码 ${code}`);
    await weapp.tap('确认');
    await weapp.settle();
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已确认领取');
    await weapp.tap('已领取');
    await weapp.waitForText(`${ITEM} · 张阿姨`);

    await weapp.as('demo-resident');
    await weapp.open('packages/services/mine/index');
    await weapp.waitForText(ITEM);
    expect(residentApplication().textContent).toContain('已领取');
    const stored = await weapp.loopback.backing.get<{ _id: string; status: string }>(
      'service_applications',
      applicationId,
    );
    expect(stored?.status).toBe('collected');
    expect(weapp.record.calls.map((c) => `${c.name}.${c.action}`)).toEqual(
      expect.arrayContaining([
        'services.apply',
        'services.supplement',
        'services.supply',
        'services.accept',
        'services.approve',
        'services.collect',
      ]),
    );
  });
});
