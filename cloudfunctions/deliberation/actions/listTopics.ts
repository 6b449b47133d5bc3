import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type TopicDoc, type TopicSupportDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { assertReader, communityOf } from '../lib/access';
import { topicView } from '../lib/views';

export const ZListTopicsInputSchema = z.strictObject({
  /** 'mine': the caller's own topics with their answers. */
  scope: z.enum(['community', 'mine']).default('community'),
  status: z.enum(['open', 'accepted', 'rejected', 'under_study']).optional(),
  sort: z.enum(['newest', 'support']).default('newest'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const listTopics = defineAction({
  summary: '议题列表（本社区或我提出的），含答复和我是否已支持',
  input: ZListTopicsInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, undefined);
    assertReader(ctx, communityId);
    const filter: Record<string, unknown> =
      input.scope === 'mine' ? { authorUserId: ctx.caller.userId } : { communityId };
    if (input.status) filter.status = input.status;
    const orderBy: Array<[string, 'asc' | 'desc']> =
      input.sort === 'support'
        ? [
            ['supportCount', 'desc'],
            ['createdAt', 'desc'],
          ]
        : [['createdAt', 'desc']];
    const rows = await ctx.store.find<TopicDoc>(DELIBERATION_COLLECTIONS.topics, filter, {
      orderBy,
      skip: input.skip,
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const supports = page.length
      ? await ctx.store.find<TopicSupportDoc>(
          DELIBERATION_COLLECTIONS.topicSupports,
          { userId: ctx.caller.userId, topicId: { $in: page.map((t) => t._id) } },
          { limit: page.length },
        )
      : [];
    const supported = new Set(supports.map((s) => s.topicId));
    return {
      items: page.map((t) =>
        topicView(t, { supportedByMe: supported.has(t._id), mine: t.authorUserId === ctx.caller.userId }),
      ),
      hasMore: rows.length > input.limit,
    };
  },
});
