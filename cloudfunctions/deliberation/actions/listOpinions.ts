import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type OpinionDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { communityOf, oversees } from '../lib/access';
import { opinionView } from '../lib/views';

export const ZListOpinionsInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  status: z.enum(['open', 'answered']).optional(),
  /** Narrows to the opinions on one meeting, procedure or disclosure. */
  targetId: z.string().min(1).max(64).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const listOpinions = defineAction({
  summary: '监督意见列表（工作人员和乡贤监督员）',
  input: ZListOpinionsInputSchema,
  roles: ['staff', 'sage', 'admin'],
  access: { scope: ['staff', 'supervisor'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    if (!oversees(ctx, communityId)) throw new AppError('FORBIDDEN', '只有本社区工作人员或乡贤监督员可以查看');
    const filter: Record<string, unknown> = { communityId };
    if (input.status) filter.status = input.status;
    if (input.targetId) filter.targetId = input.targetId;
    // Waiting ones by their answer-by date, the most pressing first; otherwise the newest first.
    const orderBy: Array<[string, 'asc' | 'desc']> =
      input.status === 'open'
        ? [
            ['answerBy', 'asc'],
            ['_id', 'asc'],
          ]
        : [
            ['createdAt', 'desc'],
            ['_id', 'desc'],
          ];
    const rows = await ctx.store.find<OpinionDoc>(DELIBERATION_COLLECTIONS.opinions, filter, {
      orderBy,
      skip: input.skip,
      limit: input.limit + 1,
    });
    const now = ctx.clock.now().toISOString();
    return {
      items: rows.slice(0, input.limit).map((o) => opinionView(o, now)),
      hasMore: rows.length > input.limit,
    };
  },
});
