import { describe, expect, it } from 'vitest';
import { phaseOf } from '../../src/packages/volunteer/checkin/phase';
import { type Attendance, confirmItem, isReady, lineCheck } from '../../src/packages/volunteer/confirm/lines';

/**
 * The pure rules the volunteer pages moved out of their components: what the confirm screen sends
 * and blocks, and which single step the check-in screen offers. The server has the last word on
 * both (tests/functions/timebank*.test.ts); these hold the screens to what they show.
 */
describe('confirm-hours lines', () => {
  const row = { userId: 'u1', measuredMinutes: 60, proposedMinutes: 60 } as Attendance;

  it('sends the measured minutes as no number, so a volunteer organiser may confirm them', () => {
    const check = lineCheck(row, undefined, 120, 15);
    expect(check).toMatchObject({ minutes: 60, blocked: false, needsReason: false });
    expect(confirmItem({ s: row, check, reason: undefined })).toEqual({ userId: 'u1' });
  });

  it('a typed number far from the measured one needs a reason; with one it is ready and sent', () => {
    const check = lineCheck(row, '100', 120, 15);
    expect(check.warning).toBe('签到签退实计 60 分钟，相差 40 分钟，请填写原因');
    expect(isReady({ s: row, check, reason: undefined })).toBe(false);
    expect(isReady({ s: row, check, reason: '现场点名' })).toBe(true);
    expect(confirmItem({ s: row, check, reason: '现场点名' })).toEqual({
      userId: 'u1',
      minutes: 100,
      reason: '现场点名',
    });
  });

  it('blocks an empty, negative or fractional number and one over the cap', () => {
    for (const text of ['', ' ', '-5', '1.5', 'abc']) expect(lineCheck(row, text, 120, 15).blocked).toBe(true);
    expect(lineCheck(row, '121', 120, 15)).toMatchObject({ blocked: true, warning: '超过活动时长 120 分钟，不能确认' });
  });

  it('with no check-in record any typed number beyond the tolerance says so', () => {
    const none = { ...row, measuredMinutes: null, proposedMinutes: 0 } as Attendance;
    expect(lineCheck(none, '30', 120, 15).warning).toBe('没有签到签退记录，相差 30 分钟，请填写原因');
  });
});

describe('check-in phase', () => {
  const detail = (activity: object, mine: object | null) =>
    ({ activity: { status: 'open', ...activity }, mine }) as unknown as Parameters<typeof phaseOf>[0];
  const signed = { status: 'signed', checkInAt: null, checkOutAt: null, confirmedAt: null };

  it('walks 签到 → 签退 → 等待确认 → 已确认', () => {
    expect(phaseOf(detail({}, signed))).toBe('checkin');
    expect(phaseOf(detail({}, { ...signed, checkInAt: 'x' }))).toBe('checkout');
    expect(phaseOf(detail({}, { ...signed, checkInAt: 'x', checkOutAt: 'y' }))).toBe('pending');
    expect(phaseOf(detail({}, { ...signed, checkInAt: 'x', checkOutAt: 'y', confirmedAt: 'z' }))).toBe('confirmed');
  });

  it('a cancelled activity wins over any sign-up; a cancelled sign-up is none; the waiting list waits', () => {
    expect(phaseOf(detail({ status: 'cancelled' }, { ...signed, checkInAt: 'x' }))).toBe('cancelled');
    expect(phaseOf(detail({}, { ...signed, status: 'cancelled' }))).toBe('none');
    expect(phaseOf(detail({}, null))).toBe('none');
    expect(phaseOf(detail({}, { ...signed, status: 'waiting' }))).toBe('waiting');
  });
});
