/**
 * After confirmation: corrections of confirmed minutes and volunteers' disputes about them.
 *
 * A correction never edits a posted entry: it posts one adjusting posting for the difference in
 * points (`tb-<signupId>-c<n>`, issuer → volunteer when minutes go up, volunteer → issuer when they
 * go down, the latter marked as reversing the original credit). Time points never go negative: a
 * correction that would take back more points than the volunteer still has available (spent or
 * held for a service) is REFUSED with INSUFFICIENT_FUNDS and nothing changes; staff settle it with
 * the volunteer first (e.g. the pending service request is cancelled), then correct again.
 */
import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  type ActivityDoc,
  DISPUTE_LABELS,
  type DisputeDoc,
  type DisputeStatus,
  MAX_DISPUTES,
  pointsFor,
  type SignupDoc,
  signupId,
  starLevel,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { countVolunteerChange } from '../../_core/figures/counters';
import { idempotent } from '../../_core/idempotency';
import { balanceOf, issuerAccount, postLegs, transferLegs, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { canManage, notify, ruleOf, STAFF, staffCommunity, writeAudit, ZId, ZIdempotencyKey, ZListPage } from '../core';
import { signupView } from './activities';
import { organisedActivity } from './attendance';

const ZMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

interface Correction {
  signup: SignupDoc;
  activity: ActivityDoc;
  fromMinutes: number;
  toMinutes: number;
  pointsDelta: number;
  points: number;
  totalMinutes: number;
  stars: number;
}

/** Applies a correction inside the caller's transaction; the caller tells the volunteer and audits. */
async function applyCorrection(
  tx: TxStore,
  ctx: ActionContext,
  input: { signupId: string; minutes: number; reason: string; at: string },
): Promise<Correction> {
  const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, input.signupId);
  if (!signup?.confirmedAt || signup.confirmedMinutes === null) {
    throw new AppError('CONFLICT', '该志愿者的时长尚未确认，请直接确认时长');
  }
  const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, signup.activityId);
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
  if (input.minutes > activity.creditMinutes) {
    throw new AppError('INVALID_INPUT', `更正时长不能超过活动计时 ${activity.creditMinutes} 分钟`);
  }
  const fromMinutes = signup.confirmedMinutes;
  if (input.minutes === fromMinutes) throw new AppError('CONFLICT', '更正后的时长与当前确认时长相同');
  const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, signup.userId);
  if (!volunteer) throw new AppError('NOT_FOUND', '志愿者不存在');
  const rule = await ruleOf(tx, activity.communityId);
  const points = pointsFor(input.minutes, rule.minutesPerPoint);
  const pointsDelta = points - (signup.points ?? 0);
  const revision = (signup.corrections ?? 0) + 1;
  if (pointsDelta !== 0) {
    const issuer = issuerAccount('TP', activity.communityId);
    const user = userAccount('TP', signup.userId);
    if (pointsDelta < 0) {
      const { available } = await balanceOf(tx, user);
      if (available < -pointsDelta) {
        throw new AppError(
          'INSUFFICIENT_FUNDS',
          `更正需扣回 ${-pointsDelta} 时间积分，但该志愿者可用积分只有 ${available}（已兑换或冻结），积分不能为负，暂不能更正`,
        );
      }
    }
    await postLegs(tx, {
      id: `tb-${signup._id}-c${revision}`,
      currency: 'TP',
      legs: pointsDelta > 0 ? transferLegs(issuer, user, pointsDelta) : transferLegs(user, issuer, -pointsDelta),
      reason: `更正志愿时长「${activity.title}」${fromMinutes} → ${input.minutes} 分钟：${input.reason}`,
      kind: 'correction',
      category: 'timebank',
      ref: { collection: TB_COLLECTIONS.signups, id: signup._id },
      actorUserId: ctx.caller.userId,
      reverses: pointsDelta < 0 ? signup.postingId : null,
      at: input.at,
    });
  }
  const totalMinutes = volunteer.confirmedMinutes + input.minutes - fromMinutes;
  await tx.updateById(TB_COLLECTIONS.signups, signup._id, {
    $set: { confirmedMinutes: input.minutes, points, corrections: revision, updatedAt: input.at },
  });
  await tx.updateById(TB_COLLECTIONS.volunteers, volunteer._id, {
    $set: { confirmedMinutes: totalMinutes, updatedAt: input.at },
  });
  await countVolunteerChange(tx, volunteer, { ...volunteer, confirmedMinutes: totalMinutes });
  return {
    signup: { ...signup, confirmedMinutes: input.minutes, points, corrections: revision, updatedAt: input.at },
    activity,
    fromMinutes,
    toMinutes: input.minutes,
    pointsDelta,
    points,
    totalMinutes,
    stars: starLevel(totalMinutes, rule.starHours).stars,
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export const ZAttendanceCorrectInputSchema = z.strictObject({
  activityId: ZId,
  userId: ZId,
  /** The right minutes (absolute, not a difference). */
  minutes: ZMinutes,
  reason: z.string().trim().min(2).max(200),
  idempotencyKey: ZIdempotencyKey,
});

export const attendanceCorrect = defineAction({
  summary: '更正已确认的志愿时长（组织者或社区工作者；以调整记账冲正，不改原记录）',
  input: ZAttendanceCorrectInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: true, decides: 'confirm' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const ids = { messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
    const id = signupId(input.activityId, input.userId);
    await organisedActivity(ctx.store, ctx, input.activityId);
    const { idempotencyKey, ...request } = input;
    return idempotent(
      ctx.store,
      {
        scope: ctx.caller.userId,
        key: idempotencyKey,
        request: { action: 'timebank.attendance.correct', ...request },
        at,
      },
      async (tx) => {
        await organisedActivity(tx, ctx, input.activityId);
        await assertNotForSelf(
          tx,
          ctx.caller,
          input.userId,
          '不能更正自己（或自己代办的账号）的时长，请由另一名社区工作者处理',
        );
        const c = await applyCorrection(tx, ctx, { signupId: id, minutes: input.minutes, reason: input.reason, at });
        await notify(tx, {
          messageId: ids.messageId,
          outboxId: ids.outboxId,
          userId: c.signup.userId,
          kind: 'hours.confirmed',
          title: '志愿时长已更正',
          body: `「${c.activity.title}」的志愿时长由 ${c.fromMinutes} 分钟更正为 ${c.toMinutes} 分钟，时间积分 ${signed(c.pointsDelta)}。原因：${input.reason}`,
          link: `/packages/volunteer/activity/index?id=${c.activity._id}`,
          at,
        });
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at,
          action: 'attendance.correct',
          communityId: c.activity.communityId,
          target: { collection: TB_COLLECTIONS.signups, id },
          details: { fromMinutes: c.fromMinutes, toMinutes: c.toMinutes, pointsDelta: c.pointsDelta },
        });
        return {
          ...(signupView(c.signup) as NonNullable<ReturnType<typeof signupView>>),
          userId: c.signup.userId,
          pointsDelta: c.pointsDelta,
          totalMinutes: c.totalMinutes,
          stars: c.stars,
        };
      },
    );
  },
});

export const ZDisputeOpenInputSchema = z.strictObject({
  activityId: ZId,
  reason: z.string().trim().min(4).max(300),
  claimedMinutes: ZMinutes.optional(),
});

export const disputeOpen = defineAction({
  summary: '对已确认的志愿时长提出申诉（交社区工作者处理）',
  input: ZDisputeOpenInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const disputeId = ctx.newId();
    const id = signupId(input.activityId, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
      if (!signup || signup.status === 'cancelled') throw new AppError('NOT_FOUND', '您没有参加该活动');
      if (!signup.confirmedAt || signup.confirmedMinutes === null) {
        throw new AppError('CONFLICT', '时长确认后才能申诉');
      }
      // One open dispute per attendance: checked and set on the attendance itself, in this transaction.
      if (signup.dispute?.status === 'open') throw new AppError('CONFLICT', '该次服务已有处理中的申诉');
      if ((signup.disputeCount ?? 0) >= MAX_DISPUTES) {
        throw new AppError('CONFLICT', `每次服务最多申诉 ${MAX_DISPUTES} 次`);
      }
      const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, signup.activityId);
      if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
      const doc: DisputeDoc = {
        _id: disputeId,
        signupId: id,
        activityId: activity._id,
        activityTitle: activity.title,
        communityId: activity.communityId,
        userId: signup.userId,
        reason: input.reason,
        claimedMinutes: input.claimedMinutes ?? null,
        minutesAtFiling: signup.confirmedMinutes,
        status: 'open',
        createdAt: at,
        resolvedAt: null,
        resolvedBy: null,
        resolutionNote: null,
        minutesAfter: null,
      };
      await tx.insert(TB_COLLECTIONS.disputes, doc);
      const summary = { id: disputeId, status: 'open' as const, reason: input.reason, note: null };
      await tx.updateById(TB_COLLECTIONS.signups, id, {
        $set: { dispute: summary, disputeCount: (signup.disputeCount ?? 0) + 1, updatedAt: at },
      });
      return { id: disputeId, status: doc.status, statusLabel: DISPUTE_LABELS.open };
    });
  },
});

export const ZDisputeQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(['open', 'resolved']).default('open'),
  ...ZListPage,
});

export const disputeQueue = defineAction({
  summary: '志愿时长申诉列表（社区工作者）',
  input: ZDisputeQueueInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const status = input.status === 'open' ? 'open' : { $in: ['upheld', 'corrected'] };
    const docs = await ctx.store.find<DisputeDoc>(
      TB_COLLECTIONS.disputes,
      { communityId, status },
      {
        orderBy: [
          ['createdAt', input.status === 'open' ? 'asc' : 'desc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const page = docs.slice(0, input.limit);
    const userIds = [...new Set(page.map((d) => d.userId))];
    const [volunteers, users, signups] = page.length
      ? await Promise.all([
          ctx.store.find<VolunteerDoc>(TB_COLLECTIONS.volunteers, { _id: { $in: userIds } }, { limit: 100 }),
          ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: userIds } }, { limit: 100 }),
          ctx.store.find<SignupDoc>(
            TB_COLLECTIONS.signups,
            { _id: { $in: page.map((d) => d.signupId) } },
            { limit: 100 },
          ),
        ])
      : [[], [], []];
    const name = new Map([
      ...users.map((u) => [u._id, u.nickname] as const),
      ...volunteers.map((v) => [v._id, v.realName] as const),
    ]);
    const attendance = new Map(signups.map((s) => [s._id, s]));
    return {
      items: page.map((d) => {
        const s = attendance.get(d.signupId);
        return {
          id: d._id,
          activityId: d.activityId,
          activityTitle: d.activityTitle,
          userId: d.userId,
          name: name.get(d.userId) ?? '',
          reason: d.reason,
          claimedMinutes: d.claimedMinutes,
          minutesAtFiling: d.minutesAtFiling,
          currentMinutes: s?.confirmedMinutes ?? null,
          currentPoints: s?.points ?? null,
          checkInAt: s?.checkInAt ?? null,
          checkOutAt: s?.checkOutAt ?? null,
          status: d.status,
          statusLabel: DISPUTE_LABELS[d.status],
          createdAt: d.createdAt,
          resolvedAt: d.resolvedAt,
          resolutionNote: d.resolutionNote,
          minutesAfter: d.minutesAfter,
        };
      }),
      hasMore: docs.length > input.limit,
    };
  },
});

export const ZDisputeResolveInputSchema = z.strictObject({
  disputeId: ZId,
  /** uphold: the confirmed minutes stand; correct: they become `minutes` (the correction path). */
  decision: z.enum(['uphold', 'correct']),
  minutes: ZMinutes.optional(),
  note: z.string().trim().min(2).max(300),
});

export const disputeResolve = defineAction({
  summary: '处理志愿时长申诉：维持或更正（社区工作者，结果告知志愿者）',
  input: ZDisputeResolveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true, decides: 'confirm' },
  handler: async (input, ctx) => {
    if (input.decision === 'correct' && input.minutes === undefined) {
      throw new AppError('INVALID_INPUT', '请填写更正后的时长（分钟）');
    }
    const at = ctx.clock.now().toISOString();
    const ids = { messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
    return ctx.store.runTransaction(async (tx) => {
      const dispute = await tx.get<DisputeDoc>(TB_COLLECTIONS.disputes, input.disputeId);
      if (!dispute || !canManage(ctx.caller, dispute.communityId)) throw new AppError('NOT_FOUND', '申诉不存在');
      await assertNotForSelf(tx, ctx.caller, dispute.userId, '不能处理自己（或自己代办的账号）的申诉');
      // Exactly once: the open → resolved transition is checked inside this transaction.
      if (dispute.status !== 'open') throw new AppError('CONFLICT', '该申诉已处理');
      let status: DisputeStatus = 'upheld';
      let minutesAfter = dispute.minutesAtFiling;
      let body = `您对「${dispute.activityTitle}」志愿时长的申诉已处理：维持 ${dispute.minutesAtFiling} 分钟。说明：${input.note}`;
      let details: Record<string, number | string> = { decision: input.decision };
      if (input.decision === 'correct') {
        const c = await applyCorrection(tx, ctx, {
          signupId: dispute.signupId,
          minutes: input.minutes as number,
          reason: `申诉处理：${input.note}`,
          at,
        });
        status = 'corrected';
        minutesAfter = c.toMinutes;
        body = `您对「${dispute.activityTitle}」志愿时长的申诉已处理：由 ${c.fromMinutes} 分钟更正为 ${c.toMinutes} 分钟，时间积分 ${signed(c.pointsDelta)}。说明：${input.note}`;
        details = { ...details, fromMinutes: c.fromMinutes, toMinutes: c.toMinutes, pointsDelta: c.pointsDelta };
      } else {
        const s = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, dispute.signupId);
        minutesAfter = s?.confirmedMinutes ?? dispute.minutesAtFiling;
        body = `您对「${dispute.activityTitle}」志愿时长的申诉已处理：维持 ${minutesAfter} 分钟。说明：${input.note}`;
      }
      const resolved = {
        status,
        resolvedAt: at,
        resolvedBy: ctx.caller.userId,
        resolutionNote: input.note,
        minutesAfter,
      };
      await tx.updateById(TB_COLLECTIONS.disputes, dispute._id, { $set: resolved });
      await tx.updateById(TB_COLLECTIONS.signups, dispute.signupId, {
        $set: { dispute: { id: dispute._id, status, reason: dispute.reason, note: input.note }, updatedAt: at },
      });
      await notify(tx, {
        messageId: ids.messageId,
        outboxId: ids.outboxId,
        userId: dispute.userId,
        kind: 'general',
        title: '志愿时长申诉结果',
        body,
        link: `/packages/volunteer/activity/index?id=${dispute.activityId}`,
        at,
      });
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'dispute.resolve',
        communityId: dispute.communityId,
        target: { collection: TB_COLLECTIONS.disputes, id: dispute._id },
        details,
      });
      return { id: dispute._id, status, statusLabel: DISPUTE_LABELS[status], minutesAfter };
    });
  },
});
