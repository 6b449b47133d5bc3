import { z } from 'zod';
import {
  type ActivityDoc,
  checkConfirmation,
  MAX_WRONG_CODES,
  pointsFor,
  type SignupDoc,
  signupId,
  starLevel,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { checkAttendanceStep } from '../../_core/domain/timebank/attendance';
import { countVolunteerChange } from '../../_core/figures/counters';
import { idempotent } from '../../_core/idempotency';
import { issuerAccount, post, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError, WrongCodeError } from '../../_core/runtime/errors';
import { guessOnce } from '../../_core/runtime/guesses';
import type { TxStore } from '../../_core/store/docstore';
import { canManage, codeAccepted, notify, ruleOf, writeAudit } from '../core';
import { signupView } from './activities';

export async function organisedActivity(reader: Pick<TxStore, 'get'>, ctx: ActionContext, activityId: string) {
  const activity = await reader.get<ActivityDoc>(TB_COLLECTIONS.activities, activityId);
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
  if (activity.organizerUserId !== ctx.caller.userId && !canManage(ctx.caller, activity.communityId)) {
    throw new AppError('FORBIDDEN', '只有活动组织者或社区工作者可以操作');
  }
  return activity;
}

export const ZCode = z.string().regex(/^\d{6}$/);

export async function attendanceStep(
  ctx: ActionContext,
  input: { activityId: string; code: string },
  step: 'in' | 'out',
) {
  const id = signupId(input.activityId, ctx.caller.userId);
  // The guess is counted on the sign-up before the code is compared (guesses.ts: parallel
  // requests cannot all slip under the cap); a wrong code keeps its count.
  const belowCap = { $or: [{ wrongCodes: { $exists: false } }, { wrongCodes: { $lt: MAX_WRONG_CODES } }] };
  return guessOnce(
    {
      reserve: async () =>
        (await ctx.store.updateWhere(TB_COLLECTIONS.signups, { _id: id, ...belowCap }, { $inc: { wrongCodes: 1 } })) >
        0,
      release: () => ctx.store.updateById(TB_COLLECTIONS.signups, id, { $inc: { wrongCodes: -1 } }),
    },
    (mayCompare) => attendanceStepOnce(ctx, input, step, id, mayCompare),
  );
}

export async function attendanceStepOnce(
  ctx: ActionContext,
  input: { activityId: string; code: string },
  step: 'in' | 'out',
  id: string,
  mayCompare: boolean,
) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return ctx.store.runTransaction(async (tx) => {
    const found = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
    const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, input.activityId);
    const codeOk = activity ? codeAccepted(activity, input.code, now) : false;
    const check = checkAttendanceStep({ signup: found, activity, step, mayCompare, codeAccepted: codeOk, at: now });
    // A wrong code has its own class: guessOnce keeps the slot it took for this guess.
    if (!check.ok && 'wrongCode' in check) throw new WrongCodeError(check.message);
    const { signup } = decided(check);
    if (step === 'in') {
      await tx.updateById(TB_COLLECTIONS.signups, id, { $set: { checkInAt: at, updatedAt: at } });
      return signupView({ ...signup, checkInAt: at });
    }
    await tx.updateById(TB_COLLECTIONS.signups, id, { $set: { checkOutAt: at, updatedAt: at } });
    return signupView({ ...signup, checkOutAt: at });
  });
}

export const ZConfirmMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
export const ZConfirmReason = z.string().trim().min(2).max(200);

export type ConfirmLine = { userId: string; minutes?: number; reason?: string };

/** Refuses a line by the confirmation rules, reading current state (outside or inside a transaction). */
export async function checkLine(
  reader: Pick<TxStore, 'get'>,
  ctx: ActionContext,
  activity: ActivityDoc,
  line: ConfirmLine,
) {
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
export async function confirmLine(ctx: ActionContext, activityId: string, line: ConfirmLine) {
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

export const MAX_CONFIRM_BATCH = 100;
