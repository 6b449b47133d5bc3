import { z } from 'zod';
import { MESSAGE_COLLECTIONS } from '../../_core/domain/messages';
import { defineAction } from '../../_core/runtime/define';

export const ZMarkReadInputSchema = z
  .strictObject({
    ids: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
    all: z.literal(true).optional(),
  })
  .refine((input) => (input.ids === undefined) !== (input.all === undefined), { message: '请指定消息或全部' });

export const markRead = defineAction({
  summary: '将消息标为已读（指定消息或全部）',
  input: ZMarkReadInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['inbox'], writes: true },
  handler: async (input, ctx) => {
    // Scoped by userId: a person can only ever touch their own messages.
    const filter =
      input.ids !== undefined
        ? { userId: ctx.caller.userId, readAt: null, _id: { $in: input.ids } }
        : { userId: ctx.caller.userId, readAt: null };
    const updated = await ctx.store.updateWhere(MESSAGE_COLLECTIONS.messages, filter, {
      $set: { readAt: ctx.clock.now().toISOString() },
    });
    return { updated };
  },
});
