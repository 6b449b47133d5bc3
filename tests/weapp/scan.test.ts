import { describe, expect, it } from 'vitest';
import { TB_COLLECTIONS } from '../../cloudfunctions/_core/domain/timebank';
import { parseQr, qrText } from '../../src/services/qr';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const ACTIVITY = 'tb-act-reading';
const TITLE = '周末儿童绘本共读';

describe('时间银行 in the weapp: a volunteer checks in by scanning the organiser’s QR code', () => {
  let weapp: Weapp;
  let startsAt = 0;
  let endsAt = 0;
  journeyApp({ persona: 'demo-volunteer' }, { name: 'scan', journey: '扫码签到' }, async (app) => {
    weapp = app;
    const activity = await weapp.loopback.backing.get<{ _id: string; startsAt: string; endsAt: string }>(
      TB_COLLECTIONS.activities,
      ACTIVITY,
    );
    startsAt = Date.parse(activity?.startsAt ?? '');
    endsAt = Date.parse(activity?.endsAt ?? '');
  });

  /** The organiser's phone shows the QR code and its digits; the camera sees the QR code's text. */
  const qrShown = async (): Promise<{ code: string; payload: string }> => {
    await weapp.as('demo-staff');
    await weapp.open(`packages/volunteer/code/index?id=${ACTIVITY}`);
    await weapp.waitForText(/\d{6}/);
    const code = (weapp.find('.main--vt-code')[0]?.textContent ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    // The QR code is an <image> with a GIF data URI (drawn in JavaScript, no canvas, no network).
    const images = weapp.find('.main--qr wx-image');
    expect(images.length).toBe(1);
    expect(String(weapp.prop(images[0] as HTMLElement, 'src'))).toMatch(/^data:image\/gif;base64,/);
    const payload = qrText({ kind: 'checkin', activityId: ACTIVITY, code });
    expect(parseQr(payload)).toEqual({ kind: 'checkin', activityId: ACTIVITY, code });
    return { code, payload };
  };

  const openCheckIn = async (phase: string) => {
    await weapp.as('demo-volunteer');
    await weapp.open(`packages/volunteer/checkin/index?id=${ACTIVITY}`);
    await weapp.waitForText(phase);
  };

  it('the volunteer signs up', async () => {
    await weapp.waitForText('小李');
    await weapp.open(`packages/volunteer/activity/index?id=${ACTIVITY}`);
    await weapp.waitForText(TITLE);
    await weapp.waitForText('我要报名');
    await weapp.tap('我要报名');
    await weapp.waitForText('去签到');
  });

  it('the volunteer taps 扫码签到, scans the organiser’s QR code and is checked in', async () => {
    weapp.setNow(startsAt + 5 * 60_000);
    const { code, payload } = await qrShown();
    await openCheckIn('到达现场后，输入组织者出示的签到码签到');
    // Someone else's code (a shop's payment link) is told apart with a Chinese message, before any call.
    weapp.willScan('https://qr.alipay.com/fkx12345');
    await weapp.tap('扫码签到');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('不是签到二维码，请重新扫描');
    // The code of another activity is refused on the phone too.
    weapp.willScan(qrText({ kind: 'checkin', activityId: 'tb-act-repair', code }));
    await weapp.tap('扫码签到');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('这是另一个活动的签到码');
    expect(weapp.record.calls).not.toContainEqual({ name: 'timebank', action: 'attendance.checkIn' });

    weapp.willScan(payload);
    await weapp.tap('扫码签到');
    await weapp.waitForText('已签到。服务结束离开前，输入当时的签到码签退');
    expect(weapp.record.scans.at(-1)).toEqual({ onlyFromCamera: true, scanType: ['qrCode'], result: payload });
    expect(weapp.record.calls).toContainEqual({ name: 'timebank', action: 'attendance.checkIn' });
    expect(weapp.record.toasts.map((t) => t.title)).toContain('签到成功');
    const stored = await weapp.loopback.backing.get<{ _id: string; checkInAt: string | null }>(
      TB_COLLECTIONS.signups,
      `${ACTIVITY}_user-volunteer`,
    );
    expect(stored?.checkInAt).toBeTruthy();
  });

  it('a cancelled scan changes nothing, and the typed digits still check out', async () => {
    weapp.setNow(endsAt + 5 * 60_000);
    const { code } = await qrShown();
    await openCheckIn('已签到。服务结束离开前');
    const before = weapp.record.calls.length;
    const toasts = weapp.record.toasts.length;
    weapp.willScan(null);
    await weapp.tap('扫码签退');
    expect(weapp.record.scans.at(-1)).toEqual({ onlyFromCamera: true, scanType: ['qrCode'], result: null });
    // Cancelling says nothing and sends nothing; the page still offers both ways.
    expect(weapp.record.calls.slice(before).filter((c) => c.action.startsWith('attendance.'))).toEqual([]);
    expect(weapp.record.toasts.length).toBe(toasts);
    expect(weapp.text()).toContain('已签到。服务结束离开前，输入当时的签到码签退');
    expect(weapp.findByText('扫码签退').length).toBeGreaterThan(0);
    // The digits fallback.
    await weapp.type(0, code, 'input');
    await weapp.tapIn(weapp.find('.main--vt-actions')[0] as HTMLElement, '签退');
    await weapp.waitForText('已签退，等待组织者确认时长');
    expect(weapp.record.calls).toContainEqual({ name: 'timebank', action: 'attendance.checkOut' });
    expect(weapp.record.toasts.map((t) => t.title)).toContain('签退成功');
  });
});
