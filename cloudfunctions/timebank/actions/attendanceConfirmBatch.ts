import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { toAppError } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import { ZId } from '../core';
import { confirmLine, MAX_CONFIRM_BATCH, organisedActivity, ZConfirmMinutes, ZConfirmReason } from '../lib/attendance';

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
