import { z } from 'zod';
import { MESSAGE_COLLECTIONS, type MessageDoc } from '../../_core/domain/messages';
import { defineAction } from '../../_core/runtime/define';

export const ZListInputSchema = z.strictObject({
  unreadOnly: z.boolean().default(false),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const list = defineAction({
  summary: '我的消息（最新在前，可只看未读）',
  input: ZListInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['inbox'], writes: false },
  handler: async (input, ctx) => {
    const filter = input.unreadOnly ? { userId: ctx.caller.userId, readAt: null } : { userId: ctx.caller.userId };
    const items = await ctx.store.find<MessageDoc>(MESSAGE_COLLECTIONS.messages, filter, {
      // _id last: a stable order for messages created at the same instant, so pages never overlap.
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return {
      items: items.slice(0, input.limit).map((m) => ({
        id: m._id,
        kind: m.kind,
        title: m.title,
        body: m.body,
        link: m.link,
        createdAt: m.createdAt,
        read: m.readAt !== null,
      })),
      hasMore: items.length > input.limit,
    };
  },
});
