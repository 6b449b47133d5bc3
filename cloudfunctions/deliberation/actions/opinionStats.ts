import { z } from 'zod';
import { DELIBERATION_COLLECTIONS } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { communityOf, oversees } from '../lib/access';

export const ZOpinionStatsInputSchema = z.strictObject({ communityId: z.string().min(1).max(64).optional() });

/** The community's figures: how many supervision opinions still wait for an answer. */
export const opinionStats = defineAction({
  summary: '本社区监督意见统计：待答复和已答复条数',
  input: ZOpinionStatsInputSchema,
  roles: ['staff', 'sage', 'admin'],
  access: { scope: ['staff', 'supervisor'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    if (!oversees(ctx, communityId)) throw new AppError('FORBIDDEN', '只有本社区工作人员或乡贤监督员可以查看');
    const [open, answered] = await Promise.all([
      ctx.store.count(DELIBERATION_COLLECTIONS.opinions, { communityId, status: 'open' }),
      ctx.store.count(DELIBERATION_COLLECTIONS.opinions, { communityId, status: 'answered' }),
    ]);
    return { communityId, open, answered };
  },
});
