/** Shared pieces of the timebank function: scoping, audit, notifications, codes and views. */

import { createHmac } from 'node:crypto';
import {
  ACTIVITY_PHASE_LABELS,
  type ActivityDoc,
  activityPhase,
  codeFromDigest,
  codeWindow,
  creditCap,
  DEFAULT_RULE,
  type RuleDoc,
  starLevel,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../_core/domain/timebank';
import { auditWriter } from '../_core/redemption/audit';
import { deliverMessage } from '../_core/runtime/deliver';
import type { TxStore } from '../_core/store/docstore';

export const FN = 'timebank';
// Scoping rules are decisions in _core/redemption/access (shared with greencoin); these map them at the edge.
export { canManage, homeCommunity, requireManage, staffCommunity } from '../_core/redemption/access';
export { STAFF, ZId, ZIdempotencyKey, ZListPage } from '../_core/redemption/schemas';

/** One audit entry `timebank.<action>` in the caller's transaction. */
export const writeAudit = auditWriter(FN);

/** Tells a person something, in the caller's transaction. */
export const notify = deliverMessage;

/** The rotating six-digit code of an activity for a two-minute window. */
export function checkInCode(activity: Pick<ActivityDoc, 'secret'>, window: number): string {
  return codeFromDigest(createHmac('sha256', activity.secret).update(String(window)).digest('hex'));
}

/** True for the current window's code or the previous one (a code read just before it turned). */
export function codeAccepted(activity: Pick<ActivityDoc, 'secret'>, code: string, at: Date): boolean {
  const w = codeWindow(at);
  return code === checkInCode(activity, w) || code === checkInCode(activity, w - 1);
}

export async function ruleOf(reader: Pick<TxStore, 'get'>, communityId: string) {
  const doc = await reader.get<RuleDoc>(TB_COLLECTIONS.rules, communityId);
  return {
    minutesPerPoint: doc?.minutesPerPoint ?? DEFAULT_RULE.minutesPerPoint,
    starHours: doc?.starHours ?? [...DEFAULT_RULE.starHours],
  };
}

export function volunteerView(doc: VolunteerDoc, starHours: readonly number[]) {
  return {
    userId: doc.userId,
    communityId: doc.communityId,
    realName: doc.realName,
    skills: doc.skills,
    availability: doc.availability,
    status: doc.status,
    statusLabel: doc.status === 'verified' ? '已认证' : '待认证',
    verifiedAt: doc.verifiedAt,
    confirmedMinutes: doc.confirmedMinutes,
    hours: Math.floor(doc.confirmedMinutes / 60),
    restMinutes: doc.confirmedMinutes % 60,
    activityCount: doc.activityCount,
    star: starLevel(doc.confirmedMinutes, starHours),
    createdAt: doc.createdAt,
  };
}

/** `taken`: the activity's slot documents counted (placesTaken); the activity no longer keeps it. */
export function activityView(doc: ActivityDoc, organizerName?: string, now?: Date, taken = doc.taken ?? 0) {
  // Without a clock (create/cancel answers) the phase is read from the status alone.
  const phase = now ? activityPhase(doc, now) : doc.status === 'cancelled' ? 'cancelled' : 'open';
  return {
    id: doc._id,
    communityId: doc.communityId,
    organizerUserId: doc.organizerUserId,
    organizerName: organizerName ?? '',
    title: doc.title,
    description: doc.description,
    place: doc.place,
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    slots: doc.slots,
    taken,
    left: Math.max(0, doc.slots - taken),
    waiting: doc.waitlist.length,
    skills: doc.skills,
    creditMinutes: doc.creditMinutes,
    capMinutes: creditCap(doc),
    status: doc.status,
    phase,
    signUpOpen: phase === 'open',
    statusLabel: ACTIVITY_PHASE_LABELS[phase],
    cancelReason: doc.cancelReason ?? null,
    cancelledAt: doc.cancelledAt ?? null,
  };
}
