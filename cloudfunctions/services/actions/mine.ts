import { z } from 'zod';
import { type ApplicationDoc, SERVICE_COLLECTIONS } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { applicationView } from '../lib/access';

export const ZMineInputSchema = z.strictObject({
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** My applications, newest first. */
export const mine = defineAction({
  summary: '我的服务事项申请',
  input: ZMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const rows = await ctx.store.find<ApplicationDoc>(
      SERVICE_COLLECTIONS.applications,
      { applicantUserId: ctx.caller.userId },
      {
        orderBy: [
          ['submittedAt', 'desc'],
          ['_id', 'desc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    return {
      items: rows.slice(0, input.limit).map((a) => applicationView(ctx, a)),
      hasMore: rows.length > input.limit,
    };
  },
});
