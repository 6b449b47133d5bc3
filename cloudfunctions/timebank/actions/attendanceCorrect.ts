import { z } from 'zod';
import { signupId, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { idempotent } from '../../_core/idempotency';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { notify, writeAudit, ZId, ZIdempotencyKey } from '../core';
import { signupView } from '../lib/activities';
import { organisedActivity } from '../lib/attendance';
import { applyCorrection, signed, ZMinutes } from '../lib/corrections';

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
