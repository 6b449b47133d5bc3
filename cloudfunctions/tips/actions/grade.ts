import { z } from 'zod';
import { levelOf, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, queueView } from '../lib/access';
import { OFFICERS, officerTip, ZId } from '../lib/desk';

export const ZGradeInputSchema = z.strictObject({
  tipId: ZId,
  levelId: z.string().min(1).max(20),
  note: z.string().trim().min(2).max(300),
});

/** First officer: the grade by the scheme's published levels, with the facts it rests on. */
export const grade = defineAction({
  summary: '按公开的奖励等级评定（须另一名受理员复核）',
  input: ZGradeInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true, decides: 'score' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const tip = await officerTip(tx, ctx, input.tipId);
      const level = levelOf(tip.scheme, input.levelId);
      if (!level) throw new AppError('INVALID_INPUT', '该奖励类别没有这个等级');
      if (tip.status !== 'received') throw new AppError('CONFLICT', '该举报已评定，不能重复评定');
      const update = {
        status: 'graded' as const,
        levelId: level.id,
        reward: level.reward,
        gradeNote: input.note,
        gradedBy: ctx.caller.userId,
        gradedAt: at,
        updatedAt: at,
      };
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
      await audit(tx, ctx, {
        id: auditId,
        at,
        action: 'tips.grade',
        tip,
        details: { level: level.id, reward: level.reward },
      });
      return { ...queueView({ ...tip, ...update }), gradedByMe: true };
    });
  },
});
