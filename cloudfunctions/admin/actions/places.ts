import { z } from 'zod';
import { COLLECTIONS, type CommunityDoc, type GridDoc, type StreetDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { communitiesWhere } from '../../_core/runtime/roles';
import { isGlobalAdmin, MAX_COMMUNITIES } from '../lib/scope';

export const ZPlacesInputSchema = z.strictObject({});

const MAX_STREETS = 200;
const MAX_GRIDS = 200;

/**
 * The places the caller may view figures of: a community's staff get that community and its grids;
 * a street/city admin every street and community (grids are listed for single communities only).
 */
export const places = defineAction({
  summary: '我可以查看统计的街道、社区和网格',
  input: ZPlacesInputSchema,
  roles: ['staff', 'admin'],
  handler: async (_input, ctx) => {
    const global = isGlobalAdmin(ctx);
    const own = [
      ...new Set(
        [...communitiesWhere(ctx.caller, 'staff'), ...communitiesWhere(ctx.caller, 'admin')].filter(
          (c): c is string => c !== undefined,
        ),
      ),
    ];
    const communities = global
      ? await ctx.store.find<CommunityDoc>(COLLECTIONS.communities, {}, { limit: MAX_COMMUNITIES })
      : (await Promise.all(own.map((id) => ctx.store.get<CommunityDoc>(COLLECTIONS.communities, id)))).filter(
          (c): c is CommunityDoc => c !== null,
        );
    const streets = global ? await ctx.store.find<StreetDoc>(COLLECTIONS.streets, {}, { limit: MAX_STREETS }) : [];
    const withGrids = await Promise.all(
      communities.map(async (c) => {
        const grids =
          communities.length <= 20
            ? await ctx.store.find<GridDoc>(COLLECTIONS.grids, { communityId: c._id }, { limit: MAX_GRIDS })
            : [];
        return {
          id: c._id,
          name: c.name,
          streetId: c.streetId,
          grids: grids.map((g) => ({ id: g._id, name: g.name, workerUserId: g.workerUserId ?? null })),
        };
      }),
    );
    return {
      city: global,
      streets: streets.map((s) => ({ id: s._id, name: s.name })),
      communities: withGrids,
    };
  },
});
