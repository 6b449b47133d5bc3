/** Shared pieces of the timebank function: scoping, audit, notifications, codes and views. */

import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AUDIT_COLLECTION, type AuditDoc, auditEntry } from '../_core/domain/audit';
import { isStaffOf } from '../_core/domain/policy';
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
import type { ActionContext } from '../_core/runtime/define';
import { deliverMessage } from '../_core/runtime/deliver';
import { AppError } from '../_core/runtime/errors';
import type { Caller } from '../_core/runtime/roles';
import type { TxStore } from '../_core/store/docstore';

export const FN = 'timebank';
export const STAFF = ['staff', 'admin'] as const;

/** Ids of users, communities and documents: plain characters only (they become parts of ids). */
export const ZId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);
export const ZIdempotencyKey = z.string().min(1).max(128);
export const ZListPage = {
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
};

export const canManage = isStaffOf;

export function requireManage(caller: Caller, communityId: string): void {
  if (!canManage(caller, communityId)) throw new AppError('FORBIDDEN', '只能处理本社区的事项');
}

/** The community a staff action works on: the one named, or the caller's staff community. */
export function staffCommunity(caller: Caller, requested?: string): string {
  const communityId =
    requested ??
    caller.grants.find((g) => (g.role === 'staff' || g.role === 'admin') && g.communityId)?.communityId ??
    caller.communityId;
  if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
  requireManage(caller, communityId);
  return communityId;
}

export function homeCommunity(caller: Caller): string {
  if (!caller.communityId) throw new AppError('FORBIDDEN', '请先选择所在社区');
  return caller.communityId;
}

export async function writeAudit(
  tx: TxStore,
  ctx: Pick<ActionContext, 'caller'>,
  input: {
    id: string;
    at: string;
    action: string;
    communityId: string | null;
    target: AuditDoc['target'];
    details?: AuditDoc['details'];
  },
): Promise<void> {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: input.id,
      at: input.at,
      actorUserId: ctx.caller.userId,
      action: `${FN}.${input.action}`,
      communityId: input.communityId,
      target: input.target,
      details: input.details,
    }),
  );
}

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
