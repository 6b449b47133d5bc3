import { z } from 'zod';
import { STAFF, ZId, ZOptionalKey } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { approveRedemption, newTransitionIds, redemptionView } from '../core';
import { once } from '../lib/once';

export const ZRedeemApproveInputSchema = z.strictObject({ redemptionId: ZId, ...ZOptionalKey });

/** The worked example of docs/CONTRIBUTING.md: staff approve a redemption (a second person). */
export const redeemApprove = defineAction({
  summary: '审核通过兑换（扣除冻结的绿币、商品出库，生成领取码）',
  input: ZRedeemApproveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true, decides: 'approve' },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const at = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.approve', ...request }, async (tx) => {
      const doc = await approveRedemption(tx, { redemptionId: input.redemptionId, actor: ctx.caller, at, ids });
      // The code proves at the counter that the resident came for the goods: it is theirs alone
      // (redeem.mine, the approval message). An approver who held it could confirm a hand-over
      // the resident never had, whatever the guess caps (as services.approve, which never shows it).
      return redemptionView(doc, { showCode: false });
    });
  },
});
