import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';

export const ZRecallInputSchema = z.strictObject({
  reportId: ZReportId,
  reason: z.string().trim().max(200).optional(),
});

export const recall = defineAction({
  summary: '撤回：受理前上报人可以撤回',
  input: ZRecallInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'recall', (_report, now) => ({
        set: { closedAt: now },
        note: input.reason ?? null,
      })),
    ),
});
