import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { runTransition } from '../lib/changes';
import { answer, ZReason, ZReportId } from '../lib/transitions';

export const ZSuspendInputSchema = z.strictObject({ reportId: ZReportId, reason: ZReason });

export const suspend = defineAction({
  summary: '挂起（必须说明原因；挂起期间时限暂停）',
  input: ZSuspendInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'suspend', (report, now) => ({
        set: { suspendedFrom: report.status, suspendedAt: now },
        note: input.reason,
      })),
    ),
});
