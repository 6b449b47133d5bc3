import { z } from 'zod';
import { TOPIC_STATUS_LABELS } from '../../_core/domain/deliberation/labels';
import { DELIBERATION_COLLECTIONS, type TopicDoc } from '../../_core/domain/deliberation/model';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff, notify, writeAudit } from '../lib/access';
import { topicView } from '../lib/views';

export const ZAnswerTopicInputSchema = z.strictObject({
  topicId: z.string().min(1).max(64),
  status: z.enum(['accepted', 'rejected', 'under_study']),
  reason: z.string().trim().min(4).max(500),
});

/**
 * The official answer, with a reason; the author is told in the same transaction. An answer of
 * "under study" may later be followed by a final one; a final answer is final.
 */
export const answerTopic = defineAction({
  summary: '答复议题：采纳 / 不采纳 / 研究中，并说明理由（通知提出人）',
  input: ZAnswerTopicInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    return ctx.store.runTransaction(async (tx) => {
      const topic = await tx.get<TopicDoc>(DELIBERATION_COLLECTIONS.topics, input.topicId);
      if (!topic) throw new AppError('NOT_FOUND', '议题不存在');
      assertStaff(ctx, topic.communityId);
      // Staff may propose a topic as residents do; adopting or dismissing their own is for another.
      await assertNotForSelf(tx, ctx.caller, topic.authorUserId, '不能答复自己提出的议题，请由其他工作人员答复');
      if (topic.status !== 'open' && topic.status !== 'under_study') {
        throw new AppError('CONFLICT', '该议题已作出最终答复');
      }
      if (topic.status === 'under_study' && input.status === 'under_study') {
        throw new AppError('CONFLICT', '该议题已在研究中，请给出采纳或不采纳的答复');
      }
      const now = ctx.clock.now().toISOString();
      const answer = { status: input.status, reason: input.reason, answeredBy: ctx.caller.userId, answeredAt: now };
      await tx.updateById(DELIBERATION_COLLECTIONS.topics, topic._id, {
        $set: { status: input.status, answer, updatedAt: now },
      });
      await notify(tx, ctx, {
        userId: topic.authorUserId,
        kind: 'topic.answered',
        title: `您的议题${TOPIC_STATUS_LABELS[input.status]}`,
        body: `「${topic.title}」：${input.reason}`,
        link: '/packages/council/topics/index?scope=mine',
      });
      await writeAudit(tx, ctx, {
        action: 'deliberation.topic.answer',
        communityId: topic.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.topics, id: topic._id },
        details: { status: input.status },
      });
      return topicView({ ...topic, status: input.status, answer }, { supportedByMe: false, mine: false });
    });
  },
});
