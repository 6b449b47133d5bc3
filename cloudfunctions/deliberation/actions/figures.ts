import { z } from 'zod';
import { type CouncilFiguresDoc, DELIBERATION_COLLECTIONS } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { assertReader, communityOf } from '../lib/access';

export const ZFiguresInputSchema = z.strictObject({ communityId: z.string().min(1).max(64).optional() });

/**
 * The community's council figures, public like the programme's own: meetings held, people at them,
 * matters settled per category, topics waiting for an answer and supervision opinions still open.
 */
export const figures = defineAction({
  summary: '议事统计：召开会议数、参会人次、三类议定事项数、待答复议题和监督意见数',
  input: ZFiguresInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['figures', 'deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertReader(ctx, communityId);
    const [doc, topicsOpen, opinionsOpen, opinionsAnswered] = await Promise.all([
      ctx.store.get<CouncilFiguresDoc>(DELIBERATION_COLLECTIONS.figures, communityId),
      ctx.store.count(DELIBERATION_COLLECTIONS.topics, { communityId, status: 'open' }),
      ctx.store.count(DELIBERATION_COLLECTIONS.opinions, { communityId, status: 'open' }),
      ctx.store.count(DELIBERATION_COLLECTIONS.opinions, { communityId, status: 'answered' }),
    ]);
    return {
      communityId,
      meetingsHeld: doc?.meetingsHeld ?? 0,
      attendees: doc?.attendees ?? 0,
      outcomes: doc?.outcomes ?? { publicService: 0, supervision: 0, infrastructure: 0 },
      topicsOpen,
      opinions: { open: opinionsOpen, answered: opinionsAnswered },
    };
  },
});
