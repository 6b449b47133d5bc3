import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';

export const ZDispatchInputSchema = z.strictObject({
  reportId: ZReportId,
  /** A grid worker of the report's community. */
  assigneeUserId: z.string().min(1).max(64),
  note: z.string().trim().max(200).optional(),
});

export const dispatch = defineAction({
  summary: '派单：把事项交给本社区的一位网格员（可改派）',
  input: ZDispatchInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const worker = await ctx.store.get<UserDoc>(COLLECTIONS.users, input.assigneeUserId);
    const updated = await runTransition(ctx, input.reportId, 'dispatch', (report) => {
      const isWorker = worker?.grants.some((g) => g.role === 'gridworker' && g.communityId === report.communityId);
      if (!worker || !isWorker) throw new AppError('INVALID_INPUT', '只能派给本社区的网格员');
      return {
        set: { assigneeUserId: worker._id },
        note: input.note ? `派给 ${worker.nickname}：${input.note}` : `派给 ${worker.nickname}`,
        audit: { assigneeUserId: worker._id },
        alsoNotify: { userId: worker._id, title: '您有新的工单', body: report.description },
      };
    });
    return answer(updated);
  },
});
