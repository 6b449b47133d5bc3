import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { placeInCommunity } from '../lib/places';
import { communityOf, ZCommunity } from './places';

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
