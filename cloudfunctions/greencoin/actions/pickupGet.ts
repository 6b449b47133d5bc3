/**
 * Where, when and for how long approved redemptions are collected (爱心超市), per community.
 * Kept on the community's rubric document with its other shop settings; redeem.mine reads place
 * and hours live, while each approval fixes its own deadline from the days set at that moment.
 */
import { z } from 'zod';
import { DEFAULT_PICKUP, GC_COLLECTIONS, PICKUP_LIMITS, type RubricDoc } from '../../_core/domain/greencoin';
import { STAFF, ZId } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { staffCommunity } from '../core';

export const ZPickupGetInputSchema = z.strictObject({ communityId: ZId.optional() });

export const pickupGet = defineAction({
  summary: '本社区爱心超市的领取地点、开放时间和领取期限（工作人员设置用）',
  input: ZPickupGetInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const rubric = await ctx.store.get<RubricDoc>(GC_COLLECTIONS.rubrics, communityId);
    return {
      communityId,
      ...(rubric?.pickup ?? DEFAULT_PICKUP),
      /** False while the community still runs on the defaults. */
      custom: Boolean(rubric?.pickup),
      limits: PICKUP_LIMITS,
    };
  },
});
