import { z } from 'zod';
import { rewardOwner, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { idempotent } from '../../_core/idempotency';
import { issuerAccount, postLegs, transferLegs, userAccount } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import { audit, queueView } from '../lib/access';
import { OFFICERS, officerTip, ZId } from '../lib/desk';

export const ZApproveInputSchema = z.strictObject({ tipId: ZId, key: z.string().min(8).max(64) });

/**
 * Second officer (never the grader): the grade stands and the reward is paid through the ledger,
 * once — the posting id is the tip's, and the status moves graded → rewarded in the same
 * transaction — onto the tip's reward account (RW, apart from coins), visible to the tipster only.
 */
export const approve = defineAction({
  summary: '复核通过评定并核发奖励（复核人不能是评定人）',
  input: ZApproveInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true, decides: 'approve' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
    return idempotent(
      ctx.store,
      { scope: ctx.caller.userId, key: input.key, request: { action: 'tips.approve', tipId: input.tipId }, at },
      async (tx) => {
        const tip = await officerTip(tx, ctx, input.tipId);
        if (tip.status !== 'graded')
          throw new AppError('CONFLICT', tip.status === 'received' ? '该举报尚未评定' : '该举报已复核');
        if (tip.gradedBy === ctx.caller.userId)
          throw new AppError('FORBIDDEN', '评定人不能复核自己的评定，请由另一名受理员复核');
        // A named tipster who erased their account can no longer be identified at the office, and
        // has no claim code: the reward is decided but paid to no one (see identity/lib/cancel.ts).
        const forfeited = tip.reward > 0 && !tip.anonymous && !tip.tipsterUserId;
        const postingId = tip.reward > 0 && !forfeited ? `tip-reward-${tip._id}` : null;
        if (postingId) {
          await postLegs(tx, {
            id: postingId,
            currency: 'RW',
            legs: transferLegs(issuerAccount('RW', tip.communityId), userAccount('RW', rewardOwner(tip)), tip.reward),
            at,
            reason: '举报奖励',
            kind: 'tip.reward',
            category: tip.scheme,
            ref: { collection: TIP_COLLECTIONS.tips, id: tip._id },
            actorUserId: ctx.caller.userId,
          });
        }
        const update = {
          status: forfeited ? ('forfeited' as const) : postingId ? ('rewarded' as const) : ('closed' as const),
          approvedBy: ctx.caller.userId,
          approvedAt: at,
          postingId,
          updatedAt: at,
        };
        await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
        if (tip.tipsterUserId) {
          await deliverMessage(tx, {
            messageId: ids.messageId,
            outboxId: ids.outboxId,
            userId: tip.tipsterUserId,
            kind: 'general',
            title: postingId ? '举报奖励已核发' : '举报已办结',
            body: postingId
              ? `您的举报经评定核发奖励 ${tip.reward} 元，请携带身份证到社区综治中心领取。`
              : '您的举报已办结，感谢您的支持。',
            link: '/packages/tips/mine/index',
            at,
          });
        }
        await audit(tx, ctx, {
          id: ids.auditId,
          at,
          action: 'tips.approve',
          tip,
          details: { level: tip.levelId, reward: tip.reward, gradedBy: tip.gradedBy, forfeited },
        });
        return { ...queueView({ ...tip, ...update }), gradedByMe: false };
      },
    );
  },
});
