import { z } from 'zod';
import { APPLICATION_STATUSES, type ApplicationDoc, SERVICE_COLLECTIONS } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { applicantOf, applicationView, clerkCommunity } from '../lib/access';
import { CLERKS, ZId } from '../lib/handle';

export const ZQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The window's queue: oldest first, so the longest-waiting person is served first. */
export const queue = defineAction({
  summary: '服务窗口待办（按状态筛选，先到先办）',
  input: ZQueueInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const communityId = clerkCommunity(ctx.caller, input.communityId);
    const filter = input.status
      ? { communityId, status: input.status }
      : { communityId, status: { $in: ['submitted', 'accepted'] } };
    const rows = await ctx.store.find<ApplicationDoc>(SERVICE_COLLECTIONS.applications, filter, {
      orderBy: [
        ['submittedAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const items = [];
    for (const a of rows.slice(0, input.limit)) items.push(applicationView(ctx, a, await applicantOf(ctx.store, a)));
    return { communityId, items, hasMore: rows.length > input.limit };
  },
});
