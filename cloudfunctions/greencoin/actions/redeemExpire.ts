import { z } from 'zod';
import { STAFF, ZId } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { staffCommunity } from '../core';
import { sweepExpired } from '../sweep';

export const ZRedeemExpireInputSchema = z.strictObject({ communityId: ZId.optional() });

export const redeemExpire = defineAction({
  summary: '使超时未审核的兑换申请过期、逾期未领取的兑换取消（退回绿币、商品回库），供定时任务和工作人员调用',
  input: ZRedeemExpireInputSchema,
  roles: STAFF,
  access: { scope: ['staff', 'system'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    // An admin over every community (the timer's system caller) sweeps them all.
    const everywhere = !input.communityId && ctx.caller.grants.some((g) => g.role === 'admin' && !g.communityId);
    if (everywhere) return sweepExpired(ctx, {});
    return sweepExpired(ctx, { communityId: staffCommunity(ctx.caller, input.communityId) });
  },
});
