import { z } from 'zod';
import { shiftDeadlines } from '../../_core/domain/reports/sla';
import { defineAction } from '../../_core/runtime/define';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';

export const ZResumeInputSchema = z.strictObject({ reportId: ZReportId, note: z.string().trim().max(200).optional() });

export const resume = defineAction({
  summary: '恢复办理（时限顺延挂起的时长）',
  input: ZResumeInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'resume', (report, now) => {
        const paused = report.suspendedAt ? Date.parse(now) - Date.parse(report.suspendedAt) : 0;
        return {
          set: { ...shiftDeadlines(report, paused), suspendedFrom: null, suspendedAt: null },
          note: input.note ?? null,
        };
      }),
    ),
});
