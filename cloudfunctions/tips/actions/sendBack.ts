import { z } from 'zod';
import { TIP_COLLECTIONS } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, queueView } from '../lib/access';
import { OFFICERS, officerTip, ZId } from '../lib/desk';

export const ZReturnInputSchema = z.strictObject({ tipId: ZId, reason: z.string().trim().min(2).max(300) });

/** Second officer disagrees: the grade goes back for a new one, with the reason. */
export const sendBack = defineAction({
  summary: '复核不同意，退回重新评定（须说明理由）',
  input: ZReturnInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const tip = await officerTip(tx, ctx, input.tipId);
      if (tip.status !== 'graded') throw new AppError('CONFLICT', '只有待复核的评定可以退回');
      if (tip.gradedBy === ctx.caller.userId) throw new AppError('FORBIDDEN', '评定人不能复核自己的评定');
      const update = {
        status: 'received' as const,
        levelId: null,
        reward: 0,
        gradedBy: null,
        gradedAt: null,
        returnedReason: input.reason,
        updatedAt: at,
      };
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
      await audit(tx, ctx, { id: auditId, at, action: 'tips.return', tip, details: { level: tip.levelId } });
      return { ...queueView({ ...tip, ...update }), gradedByMe: false };
    });
  },
});
