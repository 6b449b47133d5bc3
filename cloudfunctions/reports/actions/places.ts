import { z } from 'zod';
import type { Caller } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { communityGrids } from '../lib/places';

export const ZCommunity = z.string().min(1).max(64).optional();

/** The community asked for, if the caller lives or works there; by default their home community. */
export function communityOf(caller: Caller, asked: string | undefined): string {
  const communityId = asked ?? caller.communityId;
  const belongs =
    communityId !== undefined &&
    (caller.communityId === communityId ||
      caller.grants.some((g) => g.communityId === communityId || (g.role === 'admin' && !g.communityId)));
  if (!communityId || !belongs) throw new AppError('FORBIDDEN', '只能查看本社区的网格');
  return communityId;
}

export const ZPlacesInputSchema = z.strictObject({ communityId: ZCommunity });

export const places = defineAction({
  summary: '本社区的网格：边界（地图用）和楼栋单元清单（选地点用）',
  input: ZPlacesInputSchema,
  roles: 'authenticated',
  access: { scope: ['member', 'staff'], touches: ['places'], writes: false },
  handler: async (input, ctx) => {
    const grids = await communityGrids(ctx, communityOf(ctx.caller, input.communityId));
    return {
      items: grids.map((g) => ({
        id: g._id,
        name: g.name,
        boundary: g.boundary ?? null,
        addresses: g.addresses ?? [],
      })),
    };
  },
});
