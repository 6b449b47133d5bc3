import { z } from 'zod';
import { CODE_WINDOW_MS, checkInOpen, codeWindow } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { checkInCode, ZId } from '../core';
import { organisedActivity } from '../lib/attendance';

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
