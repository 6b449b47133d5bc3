import type { FigureScope } from '../../_core/domain/figures';
import { COLLECTIONS, type CommunityDoc, type GridDoc, type StreetDoc } from '../../_core/domain/people';
import { isGlobalAdmin as globalAdmin, isStaffOf } from '../../_core/domain/policy';
import { holdsIn } from '../../_core/domain/roles';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

/** The place a figure or table is about, resolved and access-checked. */
export interface ResolvedScope {
  scope: FigureScope;
  id: string;
  name: string;
  /** Communities the scope covers (one for grid and community scopes). */
  communityIds: string[];
  gridId: string | null;
}

/** Streets and cities hold at most this many communities in one request. */
export const MAX_COMMUNITIES = 1000;

/** Staff (or a community's admin) of one community. */
export const managesCommunity = (ctx: ActionContext, communityId: string): boolean =>
  isStaffOf(ctx.caller, communityId);

/** A street/city admin: an admin grant without a community. */
export const isGlobalAdmin = (ctx: ActionContext): boolean => globalAdmin(ctx.caller);

/**
 * Resolves a scope and checks the caller may see it: a community's staff see that community and
 * its grids only; streets and the city are for admins holding every community in them.
 */
export async function resolveScope(ctx: ActionContext, scope: FigureScope, id: string): Promise<ResolvedScope> {
  const forbidden = () => new AppError('FORBIDDEN', '只能查看本社区的数据');
  if (scope === 'grid') {
    const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, id);
    if (!grid) throw new AppError('NOT_FOUND', '网格不存在');
    if (!managesCommunity(ctx, grid.communityId)) throw forbidden();
    return { scope, id, name: grid.name, communityIds: [grid.communityId], gridId: grid._id };
  }
  if (scope === 'community') {
    const community = await ctx.store.get<CommunityDoc>(COLLECTIONS.communities, id);
    if (!community) throw new AppError('NOT_FOUND', '社区不存在');
    if (!managesCommunity(ctx, community._id)) throw forbidden();
    return { scope, id, name: community.name, communityIds: [community._id], gridId: null };
  }
  if (scope === 'street') {
    const street = await ctx.store.get<StreetDoc>(COLLECTIONS.streets, id);
    if (!street) throw new AppError('NOT_FOUND', '街道不存在');
    const communities = await ctx.store.find<CommunityDoc>(
      COLLECTIONS.communities,
      { streetId: id },
      { limit: MAX_COMMUNITIES },
    );
    const ids = communities.map((c) => c._id);
    if (!ids.every((c) => holdsIn(ctx.caller, 'admin', c)) || !ctx.caller.grants.some((g) => g.role === 'admin')) {
      throw new AppError('FORBIDDEN', '只有街道或市级管理员可以查看街道数据');
    }
    return { scope, id, name: street.name, communityIds: ids, gridId: null };
  }
  if (!isGlobalAdmin(ctx)) throw new AppError('FORBIDDEN', '只有市级管理员可以查看全市数据');
  const communities = await ctx.store.find<CommunityDoc>(COLLECTIONS.communities, {}, { limit: MAX_COMMUNITIES });
  return { scope, id: 'city', name: '全市', communityIds: communities.map((c) => c._id), gridId: null };
}
