import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type OpinionDoc } from '../../_core/domain/deliberation/model';
import { countOpinionChange } from '../../_core/figures/counters';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff, nameOf, notify, writeAudit } from '../lib/access';
import { opinionView } from '../lib/views';

export const ZAnswerOpinionInputSchema = z.strictObject({
  opinionId: z.string().min(1).max(64),
  answer: z.string().trim().min(4).max(1000),
});

/** Each opinion is answered exactly once; the supervisor is told in the same transaction. */
export const answerOpinion = defineAction({
  summary: '答复乡贤监督意见（每条意见答复一次，并通知提出人）',
  input: ZAnswerOpinionInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const answeredByName = await nameOf(ctx.store, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const opinion = await tx.get<OpinionDoc>(DELIBERATION_COLLECTIONS.opinions, input.opinionId);
      if (!opinion) throw new AppError('NOT_FOUND', '监督意见不存在');
      assertStaff(ctx, opinion.communityId);
      // Oversight answered by its own author is no answer: a 乡贤 who also holds a staff role (or
      // gained one after filing) leaves the answer to another staff member.
      await assertNotForSelf(tx, ctx.caller, opinion.authorUserId, '不能答复自己提出的监督意见，请由其他工作人员答复');
      if (opinion.status !== 'open') throw new AppError('CONFLICT', '该意见已答复');
      const now = ctx.clock.now().toISOString();
      const answer = { body: input.answer, answeredBy: ctx.caller.userId, answeredByName, answeredAt: now };
      await tx.updateById(DELIBERATION_COLLECTIONS.opinions, opinion._id, {
        $set: { status: 'answered', answer, updatedAt: now },
      });
      await countOpinionChange(tx, opinion, { ...opinion, status: 'answered' });
      await notify(tx, ctx, {
        userId: opinion.authorUserId,
        kind: 'opinion.answered',
        title: '您的监督意见已答复',
        body: `关于「${opinion.targetTitle}」：${input.answer}`,
        link: '/packages/council/opinions/index',
      });
      await writeAudit(tx, ctx, {
        action: 'deliberation.opinion.answer',
        communityId: opinion.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.opinions, id: opinion._id },
      });
      return opinionView({ ...opinion, status: 'answered', answer }, now);
    });
  },
});
