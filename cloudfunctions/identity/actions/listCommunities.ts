import { z } from 'zod';
import type { CommunityDoc, GridDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';

export const ZListCommunitiesInputSchema = z.strictObject({
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const listCommunities = defineAction({
  summary: '可加入的社区（村）及其网格',
  input: ZListCommunitiesInputSchema,
  roles: 'authenticated',
  access: { scope: ['any'], touches: ['places'], writes: false },
  allowWithoutConsent: true,
  handler: async (input, ctx) => {
    const communities = await ctx.store.find<CommunityDoc>(
      COLLECTIONS.communities,
      {},
      { orderBy: [['name', 'asc']], skip: input.skip, limit: input.limit },
    );
    const grids = communities.length
      ? await ctx.store.find<GridDoc>(
          COLLECTIONS.grids,
          { communityId: { $in: communities.map((c) => c._id) } },
          { orderBy: [['name', 'asc']], limit: 1000 },
        )
      : [];
    return {
      items: communities.map((c) => ({
        id: c._id,
        name: c.name,
        kind: c.kind,
        grids: grids.filter((g) => g.communityId === c._id).map((g) => ({ id: g._id, name: g.name })),
      })),
      hasMore: communities.length === input.limit,
    };
  },
});
