import { z } from 'zod';
import type { Caller } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { communityGrids, placeInCommunity } from '../lib/places';

const ZCommunity = z.string().min(1).max(64).optional();

/** The community asked for, if the caller lives or works there; by default their home community. */
function communityOf(caller: Caller, asked: string | undefined): string {
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

export const ZLocateInputSchema = z.strictObject({
  communityId: ZCommunity,
  /** GCJ-02 (weapp chooseLocation gives it; h5 converts the browser's WGS84 first). */
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const locate = defineAction({
  summary: '按位置找网格：在哪个网格内；都不在时给出最近的网格和距离',
  input: ZLocateInputSchema,
  roles: 'authenticated',
  access: { scope: ['member', 'staff'], touches: ['places'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx.caller, input.communityId);
    const placement = await placeInCommunity(ctx, communityId, {
      latitude: input.latitude,
      longitude: input.longitude,
    });
    if (!placement) throw new AppError('NOT_FOUND', '本社区还没有划定网格边界，请手动选择网格');
    return {
      ...placement,
      /** For the reporter, in words: inside, or how far the nearest grid is. */
      message: placement.inside
        ? `位置在${placement.gridName}内`
        : `位置不在本社区任何网格内，已归入最近的${placement.gridName}（约 ${placement.distanceMetres} 米）`,
    };
  },
});
