import { z } from 'zod';
import { TIP_COLLECTIONS, type TipDoc } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { tipsterView } from '../lib/access';

export const ZMineInputSchema = z.strictObject({
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** My named tips, their progress and reward (anonymous ones are followed with their claim code). */
export const mine = defineAction({
  summary: '我的实名举报及奖励',
  input: ZMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['tips'], writes: false },
  handler: async (input, ctx) => {
    const rows = await ctx.store.find<TipDoc>(
      TIP_COLLECTIONS.tips,
      { tipsterUserId: ctx.caller.userId },
      {
        orderBy: [
          ['submittedAt', 'desc'],
          ['_id', 'desc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    return { items: rows.slice(0, input.limit).map(tipsterView), hasMore: rows.length > input.limit };
  },
});
