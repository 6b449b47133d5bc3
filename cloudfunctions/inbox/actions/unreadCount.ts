import { z } from 'zod';
import { MESSAGE_COLLECTIONS } from '../../_core/domain/messages';
import { defineAction } from '../../_core/runtime/define';

export const ZUnreadCountInputSchema = z.strictObject({});

export const unreadCount = defineAction({
  summary: '未读消息数（用于“我的”角标）',
  input: ZUnreadCountInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['inbox'], writes: false },
  handler: async (_input, ctx) => ({
    count: await ctx.store.count(MESSAGE_COLLECTIONS.messages, { userId: ctx.caller.userId, readAt: null }),
  }),
});
