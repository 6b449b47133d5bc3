import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { ZId } from '../core';
import { confirmLine, ZConfirmMinutes, ZConfirmReason } from '../lib/attendance';

export const ZAttendanceConfirmInputSchema = z.strictObject({
  activityId: ZId,
  userId: ZId,
  /** Typed by staff; omitted = the measured check-in to check-out time. */
  minutes: ZConfirmMinutes.optional(),
  /** Required when the minutes differ from the measured ones by more than 15 (or none were measured). */
  reason: ZConfirmReason.optional(),
});

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
