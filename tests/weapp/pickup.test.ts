import { describe, expect, it } from 'vitest';
import { qrText } from '../../src/services/qr';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

describe('爱心超市 in the weapp: the resident shows a pickup QR code, staff scan it at the counter', () => {
  let weapp: Weapp;
  let pickupCode = '';
  journeyApp({ persona: 'demo-resident' }, { name: 'pickup', journey: '扫码领取' }, (app) => {
    weapp = app;
  });

  it('the resident requests a towel pack and staff approve it', async () => {
    await weapp.waitForText('张阿姨');
    await weapp.open('packages/greencoin/shop/index');
    await weapp.waitForText('毛巾两条装');
    await weapp.tapIn(weapp.card('.main--gc-item', '毛巾两条装'), '兑换');
    await weapp.waitForText('共需');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确认兑换');
    await weapp.waitForText('毛巾两条装 ×1');

    await weapp.as('demo-staff');
    await weapp.open('packages/greencoin/queue/index');
    await weapp.waitForText('毛巾两条装 ×1');
    await weapp.tapIn(weapp.card('.main--gc-item', '毛巾两条装 ×1'), '通过');
    await weapp.waitForText('确定通过');
    await weapp.tap('确定通过');
    await weapp.waitForText('没有待审核的兑换申请');
  });

  it('the approved redemption shows a QR image, the digits, the place, the hours and the deadline', async () => {
    await weapp.as('demo-resident');
    await weapp.open('packages/greencoin/redemptions/index');
    await weapp.waitForText('到爱心超市出示二维码或领取码');
    pickupCode = (weapp.find('.main--gc-code')[0]?.textContent ?? '').trim();
    expect(pickupCode).toMatch(/^\d{6}$/);
    const images = weapp.find('.main--qr wx-image');
    expect(images.length).toBe(1);
    // A GIF drawn in JavaScript: a data URI <image> shows, no canvas and no network.
    const src = String(weapp.prop(images[0] as HTMLElement, 'src'));
    expect(src).toMatch(/^data:image\/gif;base64,/);
    expect(
      Buffer.from(src.split(',')[1] ?? '', 'base64')
        .subarray(0, 6)
        .toString('latin1'),
    ).toMatch(/^GIF8[79]a$/);
    // Shown 1:1 and centred (the weapp runtime has no layout, so this reads what WeChat is told):
    // the <image> box is the GIF's own pixel size (about the 180 px the page asks), filled without
    // fitting (aspectFit hung the h5 image off centre), in a row that centres it.
    const gif = Buffer.from(src.split(',')[1] ?? '', 'base64');
    const [gifWidth, gifHeight] = [gif.readUInt16LE(6), gif.readUInt16LE(8)];
    expect(Math.abs(gifWidth - 180)).toBeLessThanOrEqual(1);
    expect(gifHeight).toBe(gifWidth);
    expect(weapp.prop(images[0] as HTMLElement, 'mode')).toBe('scaleToFill');
    const box = (images[0] as HTMLElement).style;
    expect([box.width, box.height]).toEqual([`${gifWidth}px`, `${gifHeight}px`]);
    const row = (weapp.find('.main--qr')[0] as HTMLElement).style;
    expect([row.display, row.justifyContent]).toEqual(['flex', 'center']);
    const info = weapp.find('.main--muted').find((el) => (el.textContent ?? '').includes('领取地点'));
    expect(info?.textContent ?? '').toMatch(/领取地点：\S+/);
    expect(info?.textContent ?? '').toMatch(/开放时间：\S+/);
    expect(info?.textContent ?? '').toMatch(/请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前领取/);
  });

  it('staff scan it: a cancelled scan or a check-in code confirms nothing, the pickup QR code does', async () => {
    await weapp.as('demo-staff');
    await weapp.open('packages/greencoin/pickup/index');
    await weapp.waitForText('扫描居民的领取二维码');
    weapp.willScan(null);
    await weapp.tap('扫描居民的领取二维码');
    weapp.willScan(qrText({ kind: 'checkin', activityId: 'tb-act-reading', code: pickupCode }));
    await weapp.tap('扫描居民的领取二维码');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('不是领取二维码，请重新扫描');
    expect(weapp.record.calls).not.toContainEqual({ name: 'greencoin', action: 'redeem.pickup' });
    // The digits stay usable after those; the camera reads the resident's QR code.
    expect(weapp.text()).toContain('输入居民出示的领取码');

    weapp.willScan(qrText({ kind: 'pickup', code: pickupCode }));
    await weapp.tap('扫描居民的领取二维码');
    await weapp.waitForText(/毛巾两条装 ×1/);
    await weapp.waitForText('已领取');
    expect(weapp.record.scans.at(-1)).toMatchObject({ onlyFromCamera: true, result: `GZ1|pickup|${pickupCode}` });
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已确认领取');
    expect(weapp.card('.main--gc-item', '毛巾两条装').textContent).toContain('张');

    await weapp.as('demo-resident');
    await weapp.open('packages/greencoin/redemptions/index');
    await weapp.waitForText(/已于 .* 领取/);
    expect(weapp.find('.main--qr wx-image').length).toBe(0);
  });
});
