import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type TopicDoc, type TopicSupportDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertResident } from '../lib/access';

export const ZSupportTopicInputSchema = z.strictObject({ topicId: z.string().min(1).max(64) });

/** One support per person (the support's id is topic:user), counted in the same transaction. */
export const supportTopic = defineAction({
  summary: '支持（附议）他人的议题，每人一次',
  input: ZSupportTopicInputSchema,
  roles: ['resident'],
  access: { scope: ['member'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    return ctx.store.runTransaction(async (tx) => {
      const topic = await tx.get<TopicDoc>(DELIBERATION_COLLECTIONS.topics, input.topicId);
      if (!topic) throw new AppError('NOT_FOUND', '议题不存在');
      assertResident(ctx, topic.communityId);
      if (topic.authorUserId === ctx.caller.userId) throw new AppError('CONFLICT', '不能支持自己提出的议题');
      if (topic.status === 'accepted' || topic.status === 'rejected') {
        throw new AppError('CONFLICT', '议题已答复，不能再支持');
      }
      const id = `${topic._id}:${ctx.caller.userId}`;
      if (await tx.get<TopicSupportDoc>(DELIBERATION_COLLECTIONS.topicSupports, id)) {
        throw new AppError('CONFLICT', '您已经支持过这个议题');
      }
      const at = ctx.clock.now().toISOString();
      await tx.insert<TopicSupportDoc>(DELIBERATION_COLLECTIONS.topicSupports, {
        _id: id,
        topicId: topic._id,
        userId: ctx.caller.userId,
        at,
      });
      await tx.updateById(DELIBERATION_COLLECTIONS.topics, topic._id, { $inc: { supportCount: 1 } });
      return { topicId: topic._id, supportCount: topic.supportCount + 1, supportedByMe: true };
    });
  },
});
