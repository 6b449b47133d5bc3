import { z } from 'zod';
import { checkManage } from '../../_core/redemption/access';
import { STAFF, ZId, ZOptionalKey } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { newTransitionIds, redemptionView, returnApprovedRedemption } from '../core';
import { once } from '../lib/once';

export const ZRedeemRefundInputSchema = z.strictObject({
  redemptionId: ZId,
  reason: z.string().trim().min(1).max(200),
  ...ZOptionalKey,
});

/**
 * An approved redemption that cannot be handed over after all (goods damaged, resident moved):
 * the coins come back by a reversing entry and the goods return to stock, both recorded.
 */
export const redeemRefund = defineAction({
  summary: '已通过但未领取的兑换退还绿币（冲正记录，商品回库）',
  input: ZRedeemRefundInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const now = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.refund', ...request }, async (tx) => {
      const doc = await returnApprovedRedemption(tx, {
        redemptionId: input.redemptionId,
        action: 'refund',
        actor: ctx.caller,
        reason: input.reason,
        at: now,
        ids,
        authorize: (d) => checkManage(ctx.caller, d.communityId),
      });
      return redemptionView(doc, { showCode: false });
    });
  },
});
