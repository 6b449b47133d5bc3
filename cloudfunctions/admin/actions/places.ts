import { z } from 'zod';
import { asGeoPolygon } from '../../_core/domain/geo';
import {
  COLLECTIONS,
  type CommunityDoc,
  type GridDoc,
  MAX_GRIDS_PER_COMMUNITY,
  MAX_STREETS,
  type StreetDoc,
} from '../../_core/domain/people';
import { communitiesWhere } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { isGlobalAdmin, MAX_COMMUNITIES } from '../lib/scope';

export const ZPlacesInputSchema = z.strictObject({
  /** City admins page through the communities; staff get their own (a handful) on the first page. */
  skip: z.number().int().min(0).max(MAX_COMMUNITIES).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});

/** Grids are listed when a page holds at most this many communities. */
const GRIDS_UP_TO = 20;

/**
 * The places the caller may view figures of: a community's staff get that community and its grids;
 * a street/city admin every street and community (grids are listed for single communities only).
 */
export const places = defineAction({
  summary: '我可以查看统计的街道、社区和网格',
  input: ZPlacesInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['places'], writes: false },
  handler: async (input, ctx) => {
    const global = isGlobalAdmin(ctx);
    const own = [
      ...new Set(
        [...communitiesWhere(ctx.caller, 'staff'), ...communitiesWhere(ctx.caller, 'admin')].filter(
          (c): c is string => c !== undefined,
        ),
      ),
    ];
    const found = global
      ? await ctx.store.find<CommunityDoc>(
          COLLECTIONS.communities,
          {},
          { orderBy: [['_id', 'asc']], skip: input.skip, limit: input.limit + 1 },
        )
      : (
          await Promise.all(
            own
              .slice(input.skip, input.skip + input.limit + 1)
              .map((id) => ctx.store.get<CommunityDoc>(COLLECTIONS.communities, id)),
          )
        ).filter((c): c is CommunityDoc => c !== null);
    const communities = found.slice(0, input.limit);
    const streets = global ? await ctx.store.find<StreetDoc>(COLLECTIONS.streets, {}, { limit: MAX_STREETS }) : [];
    const withGrids = await Promise.all(
      communities.map(async (c) => {
        const grids =
          communities.length <= GRIDS_UP_TO
            ? await ctx.store.find<GridDoc>(
                COLLECTIONS.grids,
                { communityId: c._id },
                { limit: MAX_GRIDS_PER_COMMUNITY },
              )
            : [];
        return {
          id: c._id,
          name: c.name,
          streetId: c.streetId,
          kind: c.kind,
          grids: grids.map((g) => ({
            id: g._id,
            name: g.name,
            workerUserId: g.workerUserId ?? null,
            // Written by grid.save; shown on the management page for editing.
            addresses: (g as GridDoc & { addresses?: string[] }).addresses ?? [],
            // The outline (GeoJSON), drawn and edited on the same page.
            boundary: asGeoPolygon(g.boundary),
          })),
        };
      }),
    );
    return {
      city: global,
      streets: streets.map((s) => ({ id: s._id, name: s.name })),
      communities: withGrids,
      hasMore: found.length > input.limit,
    };
  },
});
