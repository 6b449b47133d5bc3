import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';

export const ZStartInputSchema = z.strictObject({ reportId: ZReportId, note: z.string().trim().max(200).optional() });

export const start = defineAction({
  summary: '开始办理（含退回重办后重新办理）',
  input: ZStartInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(await runTransition(ctx, input.reportId, 'start', () => ({ note: input.note ?? null }))),
});
