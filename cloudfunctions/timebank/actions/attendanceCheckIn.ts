import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { ZId } from '../core';
import { attendanceStep, ZCode } from '../lib/attendance';

export const ZAttendanceCheckInInputSchema = z.strictObject({ activityId: ZId, code: ZCode });

export const attendanceCheckIn = defineAction({
  summary: '凭现场签到码签到',
  input: ZAttendanceCheckInInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => attendanceStep(ctx, input, 'in'),
});
