import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { runTransition } from '../lib/changes';
import { answer, ZReason, ZReportId } from '../lib/transitions';

export const ZRejectInputSchema = z.strictObject({ reportId: ZReportId, reason: ZReason });

export const reject = defineAction({
  summary: '不予受理（不属于社区职责等，必须说明原因）',
  input: ZRejectInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'reject', (_report, now) => ({
        set: { closedAt: now },
        note: input.reason,
        audit: { reason: input.reason.slice(0, 60) },
      })),
    ),
});
