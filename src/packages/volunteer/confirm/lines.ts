import type { Tb, TbItem } from '../shared/types';

export type Attendance = TbItem<'attendance.list'>;
export type Roll = Tb<'attendance.list'>;

export interface LineCheck {
  minutes: number | undefined;
  warning: string;
  /** The line cannot be confirmed as typed (no number, over the cap). */
  blocked: boolean;
  /** Far from the measured minutes: confirmable only with a reason. */
  needsReason?: boolean;
}

interface Measured {
  measuredMinutes: number | null;
  proposedMinutes: number;
}

/** What the screen warns about before sending: the server applies the same rules and has the last word. */
export function lineCheck(row: Measured, text: string | undefined, cap: number, tolerance: number): LineCheck {
  const raw = text ?? String(row.proposedMinutes);
  const minutes = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isInteger(minutes) || minutes < 0) return { minutes: undefined, warning: '请填写分钟数', blocked: true };
  if (minutes > cap) return { minutes, warning: `超过活动时长 ${cap} 分钟，不能确认`, blocked: true };
  const diff = Math.abs(minutes - (row.measuredMinutes ?? 0));
  if (diff > tolerance) {
    const base = row.measuredMinutes === null ? '没有签到签退记录' : `签到签退实计 ${row.measuredMinutes} 分钟`;
    return { minutes, warning: `${base}，相差 ${diff} 分钟，请填写原因`, blocked: false, needsReason: true };
  }
  return { minutes, warning: '', blocked: false, needsReason: false };
}

/** One open attendance as the organiser has filled it in. */
export interface Line {
  s: Attendance;
  check: LineCheck;
  reason: string | undefined;
}

export const isReady = (l: Line): boolean => !l.check.blocked && !(l.check.needsReason && !l.reason);

/**
 * What goes to the server for one line: the measured minutes go as they are (no typed value), so a
 * volunteer organiser can confirm them too.
 */
export function confirmItem(l: Line): { userId: string; minutes?: number; reason?: string } {
  return {
    userId: l.s.userId,
    ...(l.check.minutes !== l.s.measuredMinutes && l.check.minutes !== undefined ? { minutes: l.check.minutes } : {}),
    ...(l.reason ? { reason: l.reason } : {}),
  };
}
