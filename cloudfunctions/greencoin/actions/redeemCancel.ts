import { z } from 'zod';
import { checkOwner } from '../../_core/domain/redemption';
import { ZId, ZOptionalKey } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { newTransitionIds, redemptionView, releaseRedemption } from '../core';
import { once } from '../lib/once';

export const ZRedeemCancelInputSchema = z.strictObject({ redemptionId: ZId, ...ZOptionalKey });

export const redeemCancel = defineAction({
  summary: '审核前取消自己的兑换申请（绿币退回）',
  input: ZRedeemCancelInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const at = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.cancel', ...request }, async (tx) => {
      const doc = await releaseRedemption(tx, {
        redemptionId: input.redemptionId,
        action: 'cancel',
        actor: ctx.caller,
        reason: null,
        at,
        ids,
        authorize: (d) => checkOwner(d, ctx.caller.userId),
      });
      return redemptionView(doc, { showCode: true });
    });
  },
});
