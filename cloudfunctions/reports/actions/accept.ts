import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';

export const ZAcceptInputSchema = z.strictObject({
  reportId: ZReportId,
  /** 受理并开始办理: the worker who takes it starts at once (one tap instead of two). */
  start: z.boolean().default(false),
});

export const accept = defineAction({
  summary: '受理：网格员接下派给自己（或本网格待派）的事项',
  input: ZAcceptInputSchema,
  roles: ['gridworker'],
  access: { scope: ['grid'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const updated = await runTransition(ctx, input.reportId, 'accept', (report, now) => {
      // Only the first response counts toward the response rate; a redispatch is not a new response.
      const first = report.respondedAt === null;
      return {
        set: { assigneeUserId: ctx.caller.userId, ...(first ? { respondedAt: now } : {}) },
      };
    });
    // A second transition of its own: if it fails the report stays accepted, which is a valid state.
    if (input.start) return answer(await runTransition(ctx, input.reportId, 'start', () => ({ note: null })));
    return answer(updated);
  },
});
