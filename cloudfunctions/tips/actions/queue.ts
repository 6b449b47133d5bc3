import { z } from 'zod';
import { TIP_COLLECTIONS, TIP_STATUSES, type TipDoc } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { officerGrants, queueView } from '../lib/access';
import { OFFICERS } from '../lib/desk';

export const ZQueueInputSchema = z.strictObject({
  status: z.enum(TIP_STATUSES).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The officer's list: only the schemes (and communities) they are designated for, without content. */
export const queue = defineAction({
  summary: '举报受理台：本人负责类别的举报（列表不含内容和举报人）',
  input: ZQueueInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: false },
  handler: async (input, ctx) => {
    const scopes = officerGrants(ctx.caller).map((g) =>
      g.communityId ? { scheme: g.scheme, communityId: g.communityId } : { scheme: g.scheme },
    );
    if (scopes.length === 0) return { items: [], hasMore: false };
    const filter = { $or: scopes, ...(input.status ? { status: input.status } : {}) };
    const rows = await ctx.store.find<TipDoc>(TIP_COLLECTIONS.tips, filter, {
      orderBy: [
        ['submittedAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return {
      items: rows.slice(0, input.limit).map((t) => ({ ...queueView(t), gradedByMe: t.gradedBy === ctx.caller.userId })),
      hasMore: rows.length > input.limit,
    };
  },
});
