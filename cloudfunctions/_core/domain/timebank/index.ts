/**
 * The volunteer time bank (志愿服务时间银行): volunteers, activities, sign-ups with a waiting list,
 * rotating check-in codes, confirmed minutes, points by a community rule, star levels, services.
 * Pure rules only; points move through the ledger (currency `TP`).
 */

import { type RedemptionFlow, statusAfter } from '../redemption';

export const TB_COLLECTIONS = {
  volunteers: 'tb_volunteers',
  activities: 'tb_activities',
  signups: 'tb_signups',
  rules: 'tb_rules',
  services: 'tb_services',
  requests: 'tb_service_requests',
  disputes: 'tb_disputes',
  /** One document per taken place of an activity, `_id` = slotId(activityId, k) (issue 17). */
  slots: 'tb_slots',
} as const;

export type VolunteerStatus = 'pending' | 'verified';

/** `_id` = userId: one volunteer profile per person. */
export interface VolunteerDoc {
  _id: string;
  userId: string;
  communityId: string;
  realName: string;
  skills: string[];
  availability: string;
  consentAt: string;
  status: VolunteerStatus;
  verifiedBy: string | null;
  verifiedAt: string | null;
  /** Sum of confirmed minutes, kept in the confirmation's transaction. */
  confirmedMinutes: number;
  activityCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityDoc {
  _id: string;
  communityId: string;
  organizerUserId: string;
  title: string;
  description: string;
  place: string;
  startsAt: string;
  endsAt: string;
  slots: number;
  skills: string[];
  /** Minutes credited for full attendance (the organiser may correct per person). */
  creditMinutes: number;
  /**
   * No longer kept (issue 17): every sign-up wrote it, a hot document on CloudBase. Places taken
   * are the activity's slot documents (tb_slots), counted when shown. Older documents may carry it.
   */
  taken?: number;
  /**
   * Waiting user ids, first come first promoted. Kept on the activity so a transaction sees it by id;
   * written only while every place is taken, so a burst of sign-ups with places left never writes it.
   */
  waitlist: string[];
  /**
   * Places freed without a promotion. Joining the waiting list checks it is unchanged since the slots
   * were read, and freeing a place writes it: the two conflict, so nobody waits while a place is free.
   */
  released?: number;
  /** Never leaves the server: the check-in code is derived from it and the clock. */
  secret: string;
  status: 'published' | 'cancelled';
  createdAt: string;
  /** Set by `activity.cancel`: a Chinese reason every signed-up person is told. */
  cancelledAt?: string | null;
  cancelledBy?: string | null;
  cancelReason?: string | null;
}

export type SignupStatus = 'signed' | 'waiting' | 'cancelled';

/** `_id` = signupId(activityId, userId): also the attendance record. */
export interface SignupDoc {
  _id: string;
  activityId: string;
  communityId: string;
  userId: string;
  status: SignupStatus;
  createdAt: string;
  updatedAt: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  /** Set when the organiser confirms: the minutes credited (maybe corrected). */
  confirmedMinutes: number | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** Why the confirmed minutes differ from check-in/out (required beyond the tolerance). */
  confirmReason?: string | null;
  points: number | null;
  postingId: string | null;
  /** The slot (0 ≤ k < activity.slots) a signed person holds; null while waiting or after cancelling. */
  slot?: number | null;
  /** Wrong check-in codes entered: after MAX_WRONG_CODES the person checks in with the organiser instead. */
  wrongCodes?: number;
  /** When the reminder before the start was sent: set once, so each sign-up is reminded once. */
  remindedAt?: string | null;
  /** Corrections after confirmation, each one adjusting posting `tb-<id>-c<n>`. */
  corrections?: number;
  /** The latest dispute about these minutes (at most one open at a time). */
  dispute?: SignupDispute | null;
  /** Disputes filed so far (capped at MAX_DISPUTES). */
  disputeCount?: number;
}

export type DisputeStatus = 'open' | 'upheld' | 'corrected';
export const DISPUTE_LABELS: Record<DisputeStatus, string> = {
  open: '申诉处理中',
  upheld: '申诉已处理：维持原时长',
  corrected: '申诉已处理：时长已更正',
};
export const MAX_DISPUTES = 3;

export interface SignupDispute {
  id: string;
  status: DisputeStatus;
  reason: string;
  note: string | null;
}

/** A volunteer's objection to confirmed minutes, answered by community staff. */
export interface DisputeDoc {
  _id: string;
  signupId: string;
  activityId: string;
  activityTitle: string;
  communityId: string;
  userId: string;
  reason: string;
  /** The minutes the volunteer believes right, if they said. */
  claimedMinutes: number | null;
  minutesAtFiling: number;
  status: DisputeStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  minutesAfter: number | null;
}

/** Signed-up volunteers are reminded this long before an activity starts (the timer runs every 5 min). */
export const REMINDER_LEAD_MS = 2 * 3600_000;

export const MAX_WRONG_CODES = 5;

export const signupId = (activityId: string, userId: string): string => `${activityId}_${userId}`;

/**
 * A taken place of an activity: `_id` = slotId(activityId, k) for k in 0..slots-1. The id is
 * deterministic, so two people taking the same place insert the same document and CloudBase lets
 * only the first commit (snapshot isolation cannot overbook by write skew); people taking different
 * places write no common document. Removed when the place is freed, handed on when promoted.
 */
export interface SlotDoc {
  _id: string;
  activityId: string;
  communityId: string;
  slot: number;
  userId: string;
  at: string;
}

export const slotId = (activityId: string, k: number): string => `${activityId}#${k}`;

/** A community's published rule: points per minutes, and star thresholds in hours. `_id` = communityId. */
export interface RuleDoc {
  _id: string;
  minutesPerPoint: number;
  /** Hours for 1★..5★, ascending. */
  starHours: number[];
  updatedAt: string;
  updatedBy: string;
}

export const DEFAULT_RULE = { minutesPerPoint: 30, starHours: [20, 100, 300, 600, 1000] } as const;

export function pointsFor(minutes: number, minutesPerPoint: number): number {
  return Math.floor(minutes / minutesPerPoint);
}

export interface StarProgress {
  stars: number;
  /** Hours needed for the next star, null at the top. */
  nextStarHours: number | null;
  /** Minutes still missing to the next star. */
  minutesToNext: number | null;
  /** 0..100, progress from the current star's threshold to the next one. */
  percent: number;
}

/** Star level by total confirmed minutes: a threshold counts once reached exactly (20 h = 1200 min). */
export function starLevel(minutes: number, starHours: readonly number[]): StarProgress {
  const thresholds = starHours.map((h) => h * 60);
  let stars = 0;
  while (stars < thresholds.length && minutes >= (thresholds[stars] as number)) stars += 1;
  if (stars >= thresholds.length) return { stars, nextStarHours: null, minutesToNext: null, percent: 100 };
  const from = stars === 0 ? 0 : (thresholds[stars - 1] as number);
  const to = thresholds[stars] as number;
  return {
    stars,
    nextStarHours: starHours[stars] as number,
    minutesToNext: to - minutes,
    percent: Math.floor(((minutes - from) * 100) / (to - from)),
  };
}

/** Check-in codes rotate every two minutes; the current and the previous window are accepted. */
export const CODE_WINDOW_MS = 120_000;
export const codeWindow = (at: Date): number => Math.floor(at.getTime() / CODE_WINDOW_MS);

/** Six digits from a keyed digest (hex) of the activity secret and the window. */
export function codeFromDigest(hex: string): string {
  const n = Number.parseInt(hex.slice(0, 12), 16);
  return String(n % 1_000_000).padStart(6, '0');
}

/** Check-in opens an hour before the start and closes two hours after the end. */
export const CHECKIN_OPENS_BEFORE_MS = 3600_000;
export const CHECKIN_CLOSES_AFTER_MS = 2 * 3600_000;

export function checkInOpen(activity: Pick<ActivityDoc, 'startsAt' | 'endsAt'>, at: Date): boolean {
  const t = at.getTime();
  return (
    t >= Date.parse(activity.startsAt) - CHECKIN_OPENS_BEFORE_MS &&
    t <= Date.parse(activity.endsAt) + CHECKIN_CLOSES_AFTER_MS
  );
}

/** Minutes measured between check-in and check-out, capped at what the activity credits. */
export function measuredMinutes(checkInAt: string, checkOutAt: string, creditMinutes: number): number {
  const minutes = Math.floor((Date.parse(checkOutAt) - Date.parse(checkInAt)) / 60_000);
  return Math.max(0, Math.min(minutes, creditMinutes));
}

/** Whole minutes between an activity's start and end: no one is credited more than this. */
export function activityLengthMinutes(activity: Pick<ActivityDoc, 'startsAt' | 'endsAt'>): number {
  return Math.max(0, Math.floor((Date.parse(activity.endsAt) - Date.parse(activity.startsAt)) / 60_000));
}

/** The most one person may be credited: the credit for full attendance, never above the length. */
export function creditCap(activity: Pick<ActivityDoc, 'startsAt' | 'endsAt' | 'creditMinutes'>): number {
  return Math.min(activity.creditMinutes, activityLengthMinutes(activity));
}

/** Confirmed minutes this far from what check-in/out measured need a written reason. */
export const CONFIRM_TOLERANCE_MINUTES = 15;

export type ActivityPhase = 'open' | 'running' | 'ended' | 'cancelled';
export const ACTIVITY_PHASE_LABELS: Record<ActivityPhase, string> = {
  open: '报名中',
  running: '进行中',
  ended: '已结束',
  cancelled: '已取消',
};

/** Sign-up is open until the start; after the end only confirmation remains. */
export function activityPhase(activity: Pick<ActivityDoc, 'startsAt' | 'endsAt' | 'status'>, at: Date): ActivityPhase {
  if (activity.status === 'cancelled') return 'cancelled';
  const t = at.getTime();
  if (t < Date.parse(activity.startsAt)) return 'open';
  return t < Date.parse(activity.endsAt) ? 'running' : 'ended';
}

export interface ConfirmCheck {
  minutes: number;
  measured: number | null;
  /** True when the minutes are not exactly the measured ones (typed by staff). */
  manual: boolean;
}

/**
 * The rules a confirmation must pass, as a Chinese refusal or the minutes to credit. Points come
 * only from measured check-in/out, or from staff after the activity ended; never above the cap;
 * far from the measurement only with a reason (#16 finding 5).
 */
export function checkConfirmation(input: {
  activity: Pick<ActivityDoc, 'startsAt' | 'endsAt' | 'creditMinutes' | 'status'>;
  signup: Pick<SignupDoc, 'checkInAt' | 'checkOutAt'>;
  minutes: number | undefined;
  reason: string | undefined;
  isStaff: boolean;
  at: Date;
}):
  | { ok: true; value: ConfirmCheck }
  | { ok: false; code: 'INVALID_INPUT' | 'FORBIDDEN' | 'CONFLICT'; message: string } {
  const { activity, signup } = input;
  if (activity.status === 'cancelled') return { ok: false, code: 'CONFLICT', message: '活动已取消，不能确认时长' };
  const cap = creditCap(activity);
  const measured =
    signup.checkInAt && signup.checkOutAt ? measuredMinutes(signup.checkInAt, signup.checkOutAt, cap) : null;
  const minutes = input.minutes ?? measured;
  if (minutes === null) {
    return { ok: false, code: 'INVALID_INPUT', message: '该志愿者未完成签到签退，请填写确认时长并说明原因' };
  }
  if (minutes > cap) return { ok: false, code: 'INVALID_INPUT', message: `确认时长不能超过活动时长 ${cap} 分钟` };
  const manual = minutes !== measured;
  if (manual) {
    if (!input.isStaff) {
      return {
        ok: false,
        code: 'FORBIDDEN',
        message: '组织者只能按签到签退记录确认时长，其他时长请由社区工作者在活动结束后确认',
      };
    }
    if (input.at.getTime() < Date.parse(activity.endsAt)) {
      return { ok: false, code: 'CONFLICT', message: '活动结束后才能确认未经签到签退记录的时长' };
    }
  }
  if (Math.abs(minutes - (measured ?? 0)) > CONFIRM_TOLERANCE_MINUTES && !input.reason?.trim()) {
    const measuredText = measured === null ? '没有签到签退记录' : `签到签退记录为 ${measured} 分钟`;
    return {
      ok: false,
      code: 'INVALID_INPUT',
      message: `${measuredText}，确认 ${minutes} 分钟相差超过 ${CONFIRM_TOLERANCE_MINUTES} 分钟，请填写原因`,
    };
  }
  return { ok: true, value: { minutes, measured, manual } };
}

export const SERVICE_REQUEST_STATUSES = ['requested', 'approved', 'fulfilled', 'rejected', 'cancelled'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];
export const SERVICE_REQUEST_LABELS: Record<ServiceRequestStatus, string> = {
  requested: '待审核',
  approved: '已通过',
  fulfilled: '已服务',
  rejected: '未通过',
  cancelled: '已取消',
};

export type ServiceRequestAction = 'approve' | 'reject' | 'cancel' | 'fulfil';

/** Services on the shared redemption table (domain/redemption): approved, then fulfilled; no stock, no refund. */
export const SERVICE_FLOW: RedemptionFlow<ServiceRequestStatus, ServiceRequestAction> = {
  events: ['approve', 'reject', 'cancel', 'fulfil'],
  labels: SERVICE_REQUEST_LABELS,
  notNow: (_event, status) => `该申请${SERVICE_REQUEST_LABELS[status]}，不能再操作`,
};

export function nextServiceStatus(
  status: ServiceRequestStatus,
  action: ServiceRequestAction,
): ServiceRequestStatus | null {
  return statusAfter(SERVICE_FLOW, status, action);
}

export interface ServiceDoc {
  _id: string;
  communityId: string;
  name: string;
  description: string;
  points: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceRequestDoc {
  _id: string;
  communityId: string;
  userId: string;
  serviceId: string;
  serviceName: string;
  points: number;
  note: string;
  status: ServiceRequestStatus;
  holdId: string;
  postingId: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  rejectReason: string | null;
  fulfilledAt: string | null;
}
