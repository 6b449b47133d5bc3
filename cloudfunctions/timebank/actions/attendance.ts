import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  type ActivityDoc,
  CODE_WINDOW_MS,
  CONFIRM_TOLERANCE_MINUTES,
  checkConfirmation,
  checkInOpen,
  codeWindow,
  creditCap,
  MAX_WRONG_CODES,
  measuredMinutes,
  pointsFor,
  type SignupDoc,
  signupId,
  starLevel,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { countVolunteerChange } from '../../_core/figures/counters';
import { idempotent } from '../../_core/idempotency';
import { issuerAccount, post, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { toAppError } from '../../_core/runtime/edge';
import { AppError, WrongCodeError } from '../../_core/runtime/errors';
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
    if (error instanceof WrongCodeError) {
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
    if (!codeAccepted(activity, input.code, now)) throw new WrongCodeError(WRONG_CODE);
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
    const cap = creditCap(activity);
    const now = ctx.clock.now();
    return {
      activityId: activity._id,
      creditMinutes: activity.creditMinutes,
      capMinutes: cap,
      toleranceMinutes: CONFIRM_TOLERANCE_MINUTES,
      ended: now.getTime() >= Date.parse(activity.endsAt),
      canTypeMinutes: canManage(ctx.caller, activity.communityId),
      items: active.map((s) => {
        const view = signupView(s);
        const measured = s.checkInAt && s.checkOutAt ? measuredMinutes(s.checkInAt, s.checkOutAt, cap) : null;
        return {
          ...(view as NonNullable<typeof view>),
          userId: s.userId,
          name: real.get(s.userId) ?? nick.get(s.userId) ?? '',
          measuredMinutes: measured,
          // What the confirmation screen fills in: the measurement, or 0 for no check-in/out.
          proposedMinutes: measured ?? 0,
          isSelf: s.userId === ctx.caller.userId,
        };
      }),
      hasMore: rows.length > input.limit,
    };
  },
});

const ZConfirmMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
const ZConfirmReason = z.string().trim().min(2).max(200);

export const ZAttendanceConfirmInputSchema = z.strictObject({
  activityId: ZId,
  userId: ZId,
  /** Typed by staff; omitted = the measured check-in to check-out time. */
  minutes: ZConfirmMinutes.optional(),
  /** Required when the minutes differ from the measured ones by more than 15 (or none were measured). */
  reason: ZConfirmReason.optional(),
});

type ConfirmLine = { userId: string; minutes?: number; reason?: string };

/** Refuses a line by the confirmation rules, reading current state (outside or inside a transaction). */
async function checkLine(reader: Pick<TxStore, 'get'>, ctx: ActionContext, activity: ActivityDoc, line: ConfirmLine) {
  // Nobody confirms their own minutes, whatever their role, nor those of an account linked to them by
  // 代办 (#16: no one confirms for themselves).
  await assertNotForSelf(
    reader,
    ctx.caller,
    line.userId,
    '不能确认自己（或自己代办的账号）的志愿时长，请由其他社区工作者确认',
  );
  const signup = await reader.get<SignupDoc>(TB_COLLECTIONS.signups, signupId(activity._id, line.userId));
  if (signup?.status !== 'signed') throw new AppError('NOT_FOUND', '该志愿者不在报名名单中');
  if (signup.confirmedAt) return { signup, check: null };
  const check = checkConfirmation({
    activity,
    signup,
    minutes: line.minutes,
    reason: line.reason,
    isStaff: canManage(ctx.caller, activity.communityId),
    at: ctx.clock.now(),
  });
  if (!check.ok) throw new AppError(check.code, check.message);
  return { signup, check: check.value };
}

/**
 * Confirms one person's minutes and credits time points by the community rule, once: the ledger's
 * idempotency key is the attendance id, so a repeated confirmation answers with the first result.
 * The rules are checked before the idempotent write too, so a refusal (too early, no reason) is not
 * recorded against the attendance and a corrected request still goes through.
 */
async function confirmLine(ctx: ActionContext, activityId: string, line: ConfirmLine) {
  const at = ctx.clock.now().toISOString();
  const id = signupId(activityId, line.userId);
  const ids = { messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
  const activity = await organisedActivity(ctx.store, ctx, activityId);
  await checkLine(ctx.store, ctx, activity, line);
  return idempotent(
    ctx.store,
    { scope: 'timebank.confirm', key: id, request: { signupId: id, minutes: line.minutes ?? null }, at },
    async (tx) => {
      const current = await organisedActivity(tx, ctx, activityId);
      const { signup, check } = await checkLine(tx, ctx, current, line);
      if (!check) throw new AppError('CONFLICT', '该志愿者的时长已确认');
      const { minutes } = check;
      const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, signup.userId);
      if (!volunteer) throw new AppError('NOT_FOUND', '志愿者不存在');
      const rule = await ruleOf(tx, current.communityId);
      const points = pointsFor(minutes, rule.minutesPerPoint);
      // Derived from the attendance id: a second posting for the same attendance would collide.
      const postingId = `tb-${id}`;
      if (points > 0) {
        await post(tx, {
          id: postingId,
          currency: 'TP',
          from: issuerAccount('TP', current.communityId),
          to: userAccount('TP', signup.userId),
          amount: points,
          reason: `志愿服务「${current.title}」${minutes} 分钟`,
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
        confirmReason: line.reason?.trim() || null,
        points,
        postingId: points > 0 ? postingId : null,
        updatedAt: at,
      };
      await tx.updateById(TB_COLLECTIONS.signups, id, { $set: update });
      const total = volunteer.confirmedMinutes + minutes;
      await tx.updateById(TB_COLLECTIONS.volunteers, volunteer._id, {
        $set: { confirmedMinutes: total, activityCount: volunteer.activityCount + 1, updatedAt: at },
      });
      await countVolunteerChange(tx, volunteer, { ...volunteer, confirmedMinutes: total });
      const star = starLevel(total, rule.starHours);
      await notify(tx, {
        messageId: ids.messageId,
        outboxId: ids.outboxId,
        userId: signup.userId,
        kind: 'hours.confirmed',
        title: '志愿时长已确认',
        body: `「${current.title}」确认志愿时长 ${minutes} 分钟，获得 ${points} 时间积分。累计 ${Math.floor(total / 60)} 小时，当前 ${star.stars} 星。`,
        link: '/packages/volunteer/me/index',
        at,
      });
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'attendance.confirm',
        communityId: current.communityId,
        target: { collection: TB_COLLECTIONS.signups, id },
        details: {
          minutes,
          points,
          measured: check.measured,
          corrected: check.manual,
          reason: update.confirmReason,
        },
      });
      return {
        ...signupView({ ...signup, ...update }),
        userId: signup.userId,
        totalMinutes: total,
        stars: star.stars,
      };
    },
  );
}

export const attendanceConfirm = defineAction({
  summary: '确认志愿时长（按签到签退；社区工作者可在活动结束后填写并说明原因），记入时间积分',
  input: ZAttendanceConfirmInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: true, decides: 'confirm' },
  handler: (input, ctx) => {
    const { activityId, ...line } = input;
    return confirmLine(ctx, activityId, line);
  },
});

export const MAX_CONFIRM_BATCH = 100;

export const ZAttendanceConfirmBatchInputSchema = z.strictObject({
  activityId: ZId,
  items: z
    .array(z.strictObject({ userId: ZId, minutes: ZConfirmMinutes.optional(), reason: ZConfirmReason.optional() }))
    .min(1)
    .max(MAX_CONFIRM_BATCH),
});

/**
 * The whole roll in one call: each line is its own small transaction with the same idempotency key
 * as a single confirmation, so a repeated batch (or a line confirmed alone before) credits once,
 * and a refused line is reported without holding back the others.
 */
export const attendanceConfirmBatch = defineAction({
  summary: '批量确认一场活动的志愿时长（每人一条，可重复提交）',
  input: ZAttendanceConfirmBatchInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: true, decides: 'confirm' },
  handler: async (input, ctx) => {
    const activity = await organisedActivity(ctx.store, ctx, input.activityId);
    if (new Set(input.items.map((i) => i.userId)).size !== input.items.length) {
      throw new AppError('INVALID_INPUT', '名单中有重复的志愿者');
    }
    const items = [];
    // One line after another: each stays a short transaction, well inside CloudBase's 30 s limit.
    for (const line of input.items) {
      try {
        const r = await confirmLine(ctx, activity._id, line);
        items.push({
          userId: line.userId,
          ok: true as const,
          confirmedMinutes: r.confirmedMinutes,
          points: r.points,
          code: null,
          message: null,
        });
      } catch (thrown) {
        const error = toAppError(thrown);
        if (!(error instanceof AppError)) throw thrown;
        items.push({
          userId: line.userId,
          ok: false as const,
          confirmedMinutes: null,
          points: null,
          code: error.code,
          message: error.message,
        });
      }
    }
    return { activityId: activity._id, items, confirmed: items.filter((i) => i.ok).length };
  },
});
