import { z } from 'zod';
import { rewardOwner, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { postLegs, sinkAccount, transferLegs, userAccount } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, hashClaimCode, queueView } from '../lib/access';
import { OFFICERS, officerTip, ZClaimCode, ZId } from '../lib/desk';

export const ZPayoutInputSchema = z.strictObject({
  tipId: ZId,
  /** Required for an anonymous tip: the code is the only proof of who sent it. */
  claimCode: ZClaimCode.optional(),
});

/** 统一发放: the reward is handed over at the office and leaves the reward account, once. */
export const payout = defineAction({
  summary: '登记奖励已发放（匿名举报须核对领取码）',
  input: ZPayoutInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const tip = await officerTip(tx, ctx, input.tipId);
      if (tip.status === 'paid') throw new AppError('CONFLICT', '奖励已发放，不能重复发放');
      if (tip.status !== 'rewarded') throw new AppError('CONFLICT', '该举报没有待发放的奖励');
      if (tip.anonymous && (!input.claimCode || hashClaimCode(input.claimCode) !== tip.claimHash)) {
        throw new AppError('FORBIDDEN', '领取码不正确');
      }
      await postLegs(tx, {
        id: `tip-payout-${tip._id}`,
        currency: 'RW',
        legs: transferLegs(userAccount('RW', rewardOwner(tip)), sinkAccount('RW', tip.communityId), tip.reward),
        at,
        reason: '举报奖励发放',
        kind: 'tip.payout',
        category: tip.scheme,
        ref: { collection: TIP_COLLECTIONS.tips, id: tip._id },
        actorUserId: ctx.caller.userId,
      });
      const update = { status: 'paid' as const, paidOutAt: at, paidOutBy: ctx.caller.userId, updatedAt: at };
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
      await audit(tx, ctx, { id: auditId, at, action: 'tips.payout', tip, details: { reward: tip.reward } });
      return { ...queueView({ ...tip, ...update }), gradedByMe: false };
    });
  },
});
