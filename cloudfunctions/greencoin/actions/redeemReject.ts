import { z } from 'zod';
import { checkManage } from '../../_core/redemption/access';
import { STAFF, ZId, ZOptionalKey } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { newTransitionIds, redemptionView, releaseRedemption } from '../core';
import { once } from '../lib/once';

export const ZRedeemRejectInputSchema = z.strictObject({
  redemptionId: ZId,
  reason: z.string().trim().min(1).max(200),
  ...ZOptionalKey,
});

export const redeemReject = defineAction({
  summary: '驳回兑换（须写明原因；冻结的绿币退回、库存释放）',
  input: ZRedeemRejectInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const at = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.reject', ...request }, async (tx) => {
      const doc = await releaseRedemption(tx, {
        redemptionId: input.redemptionId,
        action: 'reject',
        actor: ctx.caller,
        reason: input.reason,
        at,
        ids,
        authorize: (d) => checkManage(ctx.caller, d.communityId),
      });
      return redemptionView(doc, { showCode: false });
    });
  },
});
