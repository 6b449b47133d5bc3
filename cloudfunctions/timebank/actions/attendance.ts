import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  type ActivityDoc,
  CODE_WINDOW_MS,
  checkInOpen,
  codeWindow,
  MAX_WRONG_CODES,
  measuredMinutes,
  pointsFor,
  type SignupDoc,
  signupId,
  starLevel,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { idempotent, issuerAccount, post, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { canManage, checkInCode, codeAccepted, notify, ruleOf, writeAudit, ZId } from '../core';
import { signupView } from './activities';

export async function organisedActivity(reader: Pick<TxStore, 'get'>, ctx: ActionContext, activityId: string) {
  const activity = await reader.get<ActivityDoc>(TB_COLLECTIONS.activities, activityId);
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
  if (activity.organizerUserId !== ctx.caller.userId && !canManage(ctx.caller, activity.communityId)) {
    throw new AppError('FORBIDDEN', '只有活动组织者或社区工作者可以操作');
  }
  return activity;
}

export const ZAttendanceCodeInputSchema = z.strictObject({ activityId: ZId });

export const attendanceCode = defineAction({
  summary: '组织者出示签到码（每 2 分钟更换）',
  input: ZAttendanceCodeInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const activity = await organisedActivity(ctx.store, ctx, input.activityId);
    if (activity.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消');
    const now = ctx.clock.now();
    if (!checkInOpen(activity, now))
      throw new AppError('CONFLICT', '不在签到时间内（活动开始前 1 小时至结束后 2 小时）');
    const window = codeWindow(now);
    return {
      code: checkInCode(activity, window),
      expiresAt: new Date((window + 1) * CODE_WINDOW_MS).toISOString(),
      windowSeconds: CODE_WINDOW_MS / 1000,
    };
  },
});

const ZCode = z.string().regex(/^\d{6}$/);

const WRONG_CODE = '签到码不正确或已过期';

async function attendanceStep(ctx: ActionContext, input: { activityId: string; code: string }, step: 'in' | 'out') {
  const id = signupId(input.activityId, ctx.caller.userId);
  try {
    return await attendanceStepOnce(ctx, input, step, id);
  } catch (error) {
    // The refusal rolled the transaction back, so wrong codes are counted outside it (guessing is capped).
    if (error instanceof AppError && error.message === WRONG_CODE) {
      await ctx.store.updateById(TB_COLLECTIONS.signups, id, { $inc: { wrongCodes: 1 } });
    }
    throw error;
  }
}

async function attendanceStepOnce(
  ctx: ActionContext,
  input: { activityId: string; code: string },
  step: 'in' | 'out',
  id: string,
) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return ctx.store.runTransaction(async (tx) => {
    const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
    const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, input.activityId);
    if (!signup || !activity || signup.status !== 'signed') throw new AppError('FORBIDDEN', '您不在该活动的报名名单中');
    if (activity.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，无需签到');
    if (!checkInOpen(activity, now)) throw new AppError('CONFLICT', '不在签到时间内');
    if ((signup.wrongCodes ?? 0) >= MAX_WRONG_CODES) {
      throw new AppError('RATE_LIMITED', '签到码错误次数过多，请找活动组织者确认时长');
    }
    if (!codeAccepted(activity, input.code, now)) throw new AppError('INVALID_INPUT', WRONG_CODE);
    if (step === 'in') {
      if (signup.checkInAt) throw new AppError('CONFLICT', '您已签到');
      await tx.updateById(TB_COLLECTIONS.signups, id, { $set: { checkInAt: at, updatedAt: at } });
      return signupView({ ...signup, checkInAt: at });
    }
    if (!signup.checkInAt) throw new AppError('CONFLICT', '请先签到');
    if (signup.checkOutAt) throw new AppError('CONFLICT', '您已签退');
    await tx.updateById(TB_COLLECTIONS.signups, id, { $set: { checkOutAt: at, updatedAt: at } });
    return signupView({ ...signup, checkOutAt: at });
  });
}

export const ZAttendanceCheckInInputSchema = z.strictObject({ activityId: ZId, code: ZCode });

export const attendanceCheckIn = defineAction({
  summary: '凭现场签到码签到',
  input: ZAttendanceCheckInInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => attendanceStep(ctx, input, 'in'),
});

export const ZAttendanceCheckOutInputSchema = z.strictObject({ activityId: ZId, code: ZCode });

export const attendanceCheckOut = defineAction({
  summary: '凭现场签到码签退',
  input: ZAttendanceCheckOutInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => attendanceStep(ctx, input, 'out'),
});

export const ZAttendanceListInputSchema = z.strictObject({
  activityId: ZId,
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});

export const attendanceList = defineAction({
  summary: '活动签到名单（组织者确认时长用）',
  input: ZAttendanceListInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const activity = await organisedActivity(ctx.store, ctx, input.activityId);
    // Sign-ups and the waiting list (which has no cap) a page at a time, in sign-up order.
    const rows = await ctx.store.find<SignupDoc>(
      TB_COLLECTIONS.signups,
      { activityId: activity._id, status: { $ne: 'cancelled' } },
      { orderBy: [['createdAt', 'asc']], skip: input.skip, limit: input.limit + 1 },
    );
    const active = rows.slice(0, input.limit);
    const userIds = active.map((s) => s.userId);
    const [users, volunteers] = userIds.length
      ? await Promise.all([
          ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: userIds } }, { limit: input.limit }),
          ctx.store.find<VolunteerDoc>(TB_COLLECTIONS.volunteers, { _id: { $in: userIds } }, { limit: input.limit }),
        ])
      : [[], []];
    const nick = new Map(users.map((u) => [u._id, u.nickname]));
    const real = new Map(volunteers.map((v) => [v._id, v.realName]));
    return {
      activityId: activity._id,
      creditMinutes: activity.creditMinutes,
      items: active.map((s) => {
        const view = signupView(s);
        return {
          ...(view as NonNullable<typeof view>),
          userId: s.userId,
          name: real.get(s.userId) ?? nick.get(s.userId) ?? '',
          measuredMinutes:
            s.checkInAt && s.checkOutAt ? measuredMinutes(s.checkInAt, s.checkOutAt, activity.creditMinutes) : null,
        };
      }),
      hasMore: rows.length > input.limit,
    };
  },
});

export const ZAttendanceConfirmInputSchema = z.strictObject({
  activityId: ZId,
  userId: ZId,
  /** A correction by the organiser; omitted = the measured check-in to check-out time. */
  minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
});

/**
 * Confirms a person's minutes and credits time points by the community rule, once: the ledger's
 * idempotency key is the attendance id, so a repeated confirmation answers with the first result.
 */
export const attendanceConfirm = defineAction({
  summary: '组织者确认（或更正）志愿时长，按社区规则记入时间积分',
  input: ZAttendanceConfirmInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: true, decides: 'confirm' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const id = signupId(input.activityId, input.userId);
    const ids = { messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
    // Authorised before the replay too: a repeated confirmation answers only the organiser or staff.
    await organisedActivity(ctx.store, ctx, input.activityId);
    return idempotent(
      ctx.store,
      { scope: 'timebank.confirm', key: id, request: { signupId: id, minutes: input.minutes ?? null }, at },
      async (tx) => {
        const activity = await organisedActivity(tx, ctx, input.activityId);
        if (activity.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能确认时长');
        // Staff included: one's own hours (or a proxied account's) are confirmed by someone else.
        await assertNotForSelf(
          tx,
          ctx.caller,
          input.userId,
          '不能确认自己（或自己代办的账号）的时长，请由另一名社区工作者确认',
        );
        const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
        if (signup?.status !== 'signed') throw new AppError('NOT_FOUND', '该志愿者不在报名名单中');
        if (signup.confirmedAt) throw new AppError('CONFLICT', '该志愿者的时长已确认');
        let minutes = input.minutes;
        if (minutes === undefined) {
          if (!signup.checkInAt || !signup.checkOutAt)
            throw new AppError('INVALID_INPUT', '该志愿者未完成签到签退，请填写确认时长');
          minutes = measuredMinutes(signup.checkInAt, signup.checkOutAt, activity.creditMinutes);
        }
        if (minutes > activity.creditMinutes) {
          throw new AppError('INVALID_INPUT', `确认时长不能超过活动计时 ${activity.creditMinutes} 分钟`);
        }
        const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, signup.userId);
        if (!volunteer) throw new AppError('NOT_FOUND', '志愿者不存在');
        const rule = await ruleOf(tx, activity.communityId);
        const points = pointsFor(minutes, rule.minutesPerPoint);
        // Derived from the attendance id: a second posting for the same attendance would collide.
        const postingId = `tb-${id}`;
        if (points > 0) {
          await post(tx, {
            id: postingId,
            currency: 'TP',
            from: issuerAccount('TP', activity.communityId),
            to: userAccount('TP', signup.userId),
            amount: points,
            reason: `志愿服务「${activity.title}」${minutes} 分钟`,
            kind: 'timebank',
            category: 'timebank',
            ref: { collection: TB_COLLECTIONS.signups, id },
            actorUserId: ctx.caller.userId,
            at,
          });
        }
        const update = {
          confirmedMinutes: minutes,
          confirmedAt: at,
          confirmedBy: ctx.caller.userId,
          points,
          postingId: points > 0 ? postingId : null,
          updatedAt: at,
        };
        await tx.updateById(TB_COLLECTIONS.signups, id, { $set: update });
        const total = volunteer.confirmedMinutes + minutes;
        await tx.updateById(TB_COLLECTIONS.volunteers, volunteer._id, {
          $set: { confirmedMinutes: total, activityCount: volunteer.activityCount + 1, updatedAt: at },
        });
        const star = starLevel(total, rule.starHours);
        await notify(tx, {
          messageId: ids.messageId,
          outboxId: ids.outboxId,
          userId: signup.userId,
          kind: 'hours.confirmed',
          title: '志愿时长已确认',
          body: `「${activity.title}」确认志愿时长 ${minutes} 分钟，获得 ${points} 时间积分。累计 ${Math.floor(total / 60)} 小时，当前 ${star.stars} 星。`,
          link: '/packages/volunteer/me/index',
          at,
        });
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at,
          action: 'attendance.confirm',
          communityId: activity.communityId,
          target: { collection: TB_COLLECTIONS.signups, id },
          details: { minutes, points, corrected: input.minutes !== undefined },
        });
        return {
          ...signupView({ ...signup, ...update }),
          userId: signup.userId,
          totalMinutes: total,
          stars: star.stars,
        };
      },
    );
  },
});
