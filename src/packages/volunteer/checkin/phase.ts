import type { Tb } from '../shared/types';

export type Detail = Tb<'activity.get'>;
export type Mine = NonNullable<Detail['mine']>;
export type Phase = 'cancelled' | 'none' | 'waiting' | 'checkin' | 'checkout' | 'pending' | 'confirmed';

export const PHASE_TEXT: Record<Phase, string> = {
  cancelled: '活动已取消，无需签到',
  none: '您还没有报名这个活动',
  waiting: '您在候补名单中，转为正式报名后才能签到',
  checkin: '到达现场后，输入组织者出示的签到码签到',
  checkout: '已签到。服务结束离开前，输入当时的签到码签退',
  pending: '已签退，等待组织者确认时长',
  confirmed: '时长已确认，时间积分已记入',
};

/** The volunteer's live sign-up: a cancelled one counts as none. */
export const liveSignup = (d: Detail): Mine | null => (d.mine && d.mine.status !== 'cancelled' ? d.mine : null);

/** The one next step the screen offers, from the activity and the volunteer's sign-up. */
export function phaseOf(d: Detail): Phase {
  const mine = liveSignup(d);
  if (d.activity.status === 'cancelled') return 'cancelled';
  if (!mine) return 'none';
  if (mine.status === 'waiting') return 'waiting';
  if (mine.confirmedAt) return 'confirmed';
  if (mine.checkOutAt) return 'pending';
  return mine.checkInAt ? 'checkout' : 'checkin';
}

/** The tone of the phase line: done, stopped, or a next step. */
export const phaseTone = (phase: Phase): string =>
  phase === 'confirmed' ? 'done' : phase === 'cancelled' ? 'stop' : 'next';
