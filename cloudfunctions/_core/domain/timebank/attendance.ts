/**
 * The rules of checking in and out and of correcting confirmed minutes, as decisions: the time
 * bank's actions load the signup and the activity, ask here, and map a refusal at the edge.
 */
import type { Decision } from '../decision';
import { refuse } from '../decision';
import { type ActivityDoc, checkInOpen, type SignupDoc } from './index';

/** A wrong check-in code: the edge counts it (guessing is capped) before it refuses. */
export interface WrongCode {
  ok: false;
  code: 'INVALID_INPUT';
  message: string;
  wrongCode: true;
}

export const WRONG_CODE = '签到码不正确或已过期';

/**
 * Whether the caller may check in (`in`) or out (`out`) of the activity with a code, in the order
 * a person meets the reasons: not on the list, cancelled, outside the window, too many wrong
 * codes, a wrong code, then the step itself (checked in once, out once, out only after in).
 */
export function checkAttendanceStep<S extends Pick<SignupDoc, 'status' | 'checkInAt' | 'checkOutAt'>>(input: {
  signup: S | null;
  activity: Pick<ActivityDoc, 'status' | 'startsAt' | 'endsAt'> | null;
  step: 'in' | 'out';
  /** Whether this guess got one of the capped slots (taken before the transaction, guesses.ts). */
  mayCompare: boolean;
  codeAccepted: boolean;
  at: Date;
}): Decision<{ signup: S }> | WrongCode {
  const { signup, activity } = input;
  if (!signup || !activity || signup.status !== 'signed') return refuse('FORBIDDEN', '您不在该活动的报名名单中');
  if (activity.status === 'cancelled') return refuse('CONFLICT', '活动已取消，无需签到');
  if (!checkInOpen(activity, input.at)) return refuse('CONFLICT', '不在签到时间内');
  if (!input.mayCompare) {
    return refuse('RATE_LIMITED', '签到码错误次数过多，请找活动组织者确认时长');
  }
  if (!input.codeAccepted) return { ok: false, code: 'INVALID_INPUT', message: WRONG_CODE, wrongCode: true };
  if (input.step === 'in') return signup.checkInAt ? refuse('CONFLICT', '您已签到') : { ok: true, signup };
  if (!signup.checkInAt) return refuse('CONFLICT', '请先签到');
  return signup.checkOutAt ? refuse('CONFLICT', '您已签退') : { ok: true, signup };
}

/**
 * Whether confirmed minutes may be corrected to `minutes`: only a confirmed attendance, never past
 * the activity's credited time, and only to another figure. Answers both, and the minutes it corrects from.
 */
export function checkCorrection<
  S extends Pick<SignupDoc, 'confirmedAt' | 'confirmedMinutes'>,
  A extends Pick<ActivityDoc, 'creditMinutes'>,
>(signup: S | null, activity: A | null, minutes: number): Decision<{ signup: S; activity: A; fromMinutes: number }> {
  if (!signup?.confirmedAt || signup.confirmedMinutes === null) {
    return refuse('CONFLICT', '该志愿者的时长尚未确认，请直接确认时长');
  }
  if (!activity) return refuse('NOT_FOUND', '活动不存在');
  if (minutes > activity.creditMinutes) {
    return refuse('INVALID_INPUT', `更正时长不能超过活动计时 ${activity.creditMinutes} 分钟`);
  }
  if (minutes === signup.confirmedMinutes) return refuse('CONFLICT', '更正后的时长与当前确认时长相同');
  return { ok: true, signup, activity, fromMinutes: signup.confirmedMinutes };
}

/**
 * Time points never go negative: a correction downwards takes back `-pointsDelta` points only if
 * the volunteer can still spend them (not redeemed, not held for a service).
 */
export function checkTakeBack(pointsDelta: number, available: number): Decision {
  if (pointsDelta >= 0 || available >= -pointsDelta) return { ok: true };
  return refuse(
    'INSUFFICIENT_FUNDS',
    `更正需扣回 ${-pointsDelta} 时间积分，但该志愿者可用积分只有 ${available}（已兑换或冻结），积分不能为负，暂不能更正`,
  );
}
