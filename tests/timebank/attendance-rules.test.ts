import { describe, expect, it } from 'vitest';
import {
  checkAttendanceStep,
  checkCorrection,
  checkTakeBack,
  WRONG_CODE,
} from '../../cloudfunctions/_core/domain/timebank/attendance';

/** The check-in/out and correction rules as decisions (the actions only load and map them). */
const AT = new Date('2026-06-01T09:30:00Z');
const activity = {
  status: 'published' as const,
  startsAt: '2026-06-01T09:00:00Z',
  endsAt: '2026-06-01T11:00:00Z',
};
const signup = { status: 'signed' as const, checkInAt: null, checkOutAt: null };
const step = (over: Partial<Parameters<typeof checkAttendanceStep>[0]> = {}) =>
  checkAttendanceStep({ signup, activity, step: 'in', mayCompare: true, codeAccepted: true, at: AT, ...over });

describe('checkAttendanceStep', () => {
  it('checks in once and out once, out only after in', () => {
    expect(step()).toEqual({ ok: true, signup });
    expect(step({ signup: { ...signup, checkInAt: '2026-06-01T09:10:00Z' } })).toMatchObject({ message: '您已签到' });
    expect(step({ step: 'out' })).toMatchObject({ code: 'CONFLICT', message: '请先签到' });
    const checkedIn = { ...signup, checkInAt: '2026-06-01T09:10:00Z' };
    expect(step({ step: 'out', signup: checkedIn })).toEqual({ ok: true, signup: checkedIn });
    expect(step({ step: 'out', signup: { ...checkedIn, checkOutAt: '2026-06-01T10:50:00Z' } })).toMatchObject({
      code: 'CONFLICT',
      message: '您已签退',
    });
  });

  it('refuses in the order a person meets the reasons', () => {
    expect(step({ signup: null })).toMatchObject({ code: 'FORBIDDEN', message: '您不在该活动的报名名单中' });
    expect(step({ signup: { ...signup, status: 'cancelled' } })).toMatchObject({ code: 'FORBIDDEN' });
    // Cancelled comes before the window: a cancelled activity says so even at the wrong time.
    const cancelled = { ...activity, status: 'cancelled' as const };
    expect(step({ activity: cancelled, at: new Date('2026-06-02T00:00:00Z') })).toMatchObject({
      message: '活动已取消，无需签到',
    });
    expect(step({ at: new Date('2026-06-02T00:00:00Z') })).toMatchObject({
      code: 'CONFLICT',
      message: '不在签到时间内',
    });
    // No guess slot left (too many wrong codes) refuses even the right one: guessing is capped.
    expect(step({ mayCompare: false })).toMatchObject({ code: 'RATE_LIMITED' });
    expect(step({ codeAccepted: false })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: WRONG_CODE,
      wrongCode: true,
    });
    expect(step({ codeAccepted: false, signup: { ...signup, checkInAt: 'x' } })).toMatchObject({ wrongCode: true });
  });
});

describe('checkCorrection and checkTakeBack', () => {
  const confirmed = { confirmedAt: '2026-06-01T12:00:00Z', confirmedMinutes: 90 };
  it('corrects a confirmed attendance to another figure within the credited time', () => {
    const credited = { creditMinutes: 120 };
    expect(checkCorrection(confirmed, credited, 60)).toEqual({
      ok: true,
      signup: confirmed,
      activity: credited,
      fromMinutes: 90,
    });
    expect(checkCorrection(confirmed, credited, 0)).toMatchObject({ ok: true, fromMinutes: 90 });
  });
  it('refuses an unconfirmed one, a missing activity, more than credited, and the same figure', () => {
    expect(checkCorrection(null, null, 60)).toMatchObject({
      code: 'CONFLICT',
      message: '该志愿者的时长尚未确认，请直接确认时长',
    });
    expect(checkCorrection({ confirmedAt: null, confirmedMinutes: null }, { creditMinutes: 120 }, 60)).toMatchObject({
      code: 'CONFLICT',
    });
    expect(checkCorrection(confirmed, null, 60)).toMatchObject({ code: 'NOT_FOUND', message: '活动不存在' });
    expect(checkCorrection(confirmed, { creditMinutes: 120 }, 121)).toMatchObject({
      code: 'INVALID_INPUT',
      message: '更正时长不能超过活动计时 120 分钟',
    });
    expect(checkCorrection(confirmed, { creditMinutes: 120 }, 90)).toMatchObject({
      code: 'CONFLICT',
      message: '更正后的时长与当前确认时长相同',
    });
  });
  it('takes back only points the volunteer can still spend', () => {
    expect(checkTakeBack(3, 0)).toEqual({ ok: true });
    expect(checkTakeBack(-2, 2)).toEqual({ ok: true });
    expect(checkTakeBack(-3, 2)).toEqual({
      ok: false,
      code: 'INSUFFICIENT_FUNDS',
      message: '更正需扣回 3 时间积分，但该志愿者可用积分只有 2（已兑换或冻结），积分不能为负，暂不能更正',
    });
  });
});
