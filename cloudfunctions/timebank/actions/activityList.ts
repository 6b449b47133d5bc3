import { z } from 'zod';
import { type ActivityDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { activityView, homeCommunity, ZListPage } from '../core';
import { placesTaken } from '../slots';

export const ZActivityListInputSchema = z.strictObject({
  /** upcoming: not yet ended, soonest first; past: ended, latest first; organised: the caller's own. */
  scope: z.enum(['upcoming', 'past', 'organised']).default('upcoming'),
  ...ZListPage,
});

export const activityList = defineAction({
  summary: '志愿活动列表（本社区）',
  input: ZActivityListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const now = ctx.clock.now().toISOString();
    const filter: Record<string, unknown> = { communityId, status: 'published' };
    if (input.scope === 'upcoming') filter.endsAt = { $gte: now };
    if (input.scope === 'past') filter.endsAt = { $lt: now };
    if (input.scope === 'organised') filter.organizerUserId = ctx.caller.userId;
    const docs = await ctx.store.find<ActivityDoc>(TB_COLLECTIONS.activities, filter, {
      orderBy: [
        ['endsAt', input.scope === 'upcoming' ? 'asc' : 'desc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const at = ctx.clock.now();
    const page = docs.slice(0, input.limit);
    const taken = await placesTaken(
      ctx.store,
      page.map((d) => d._id),
    );
    return {
      items: page.map((d) => activityView(d, undefined, at, taken.get(d._id))),
      hasMore: docs.length > input.limit,
    };
  },
});
