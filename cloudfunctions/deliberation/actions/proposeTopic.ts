import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type TopicDoc } from '../../_core/domain/deliberation/model';
import { underCap } from '../../_core/runtime/caps';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertResident, communityOf, nameOf } from '../lib/access';
import { topicView } from '../lib/views';

export const ZProposeTopicInputSchema = z.strictObject({
  title: z.string().trim().min(4).max(40),
  body: z.string().trim().min(10).max(1000),
});

/** At most this many unanswered topics per person, so one voice cannot flood the list. */
export const OPEN_TOPICS_PER_PERSON = 5;

export const proposeTopic = defineAction({
  summary: '提出议题（供下次议事会讨论）',
  input: ZProposeTopicInputSchema,
  roles: ['resident'],
  access: { scope: ['member'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, undefined);
    assertResident(ctx, communityId);
    const cap = {
      id: `topics:${ctx.caller.userId}`,
      limit: OPEN_TOPICS_PER_PERSON,
      count: () =>
        ctx.store.count(DELIBERATION_COLLECTIONS.topics, { authorUserId: ctx.caller.userId, status: 'open' }),
      refusal: () => new AppError('RATE_LIMITED', `您已有 ${OPEN_TOPICS_PER_PERSON} 个议题等待答复，请等答复后再提`),
    };
    const now = ctx.clock.now().toISOString();
    const topic: TopicDoc = {
      _id: ctx.newId(),
      communityId,
      authorUserId: ctx.caller.userId,
      authorName: await nameOf(ctx.store, ctx.caller.userId),
      title: input.title,
      body: input.body,
      status: 'open',
      supportCount: 0,
      answer: null,
      settledIn: null,
      createdAt: now,
      updatedAt: now,
    };
    // Counted and inserted under the cap (caps.ts): parallel proposals cannot all slip past it.
    await underCap(ctx.store, cap, (claim) =>
      ctx.store.runTransaction(async (tx) => {
        await claim(tx);
        await tx.insert(DELIBERATION_COLLECTIONS.topics, topic);
      }),
    );
    return topicView(topic, { supportedByMe: false, mine: true });
  },
});
