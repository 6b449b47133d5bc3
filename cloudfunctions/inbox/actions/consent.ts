import { z } from 'zod';
import { type ConsentDoc, consentId, MESSAGE_KINDS, NOTIFY_COLLECTIONS } from '../../_core/domain/messages';
import { defineAction } from '../../_core/runtime/define';

export const ZConsentInputSchema = z.strictObject({
  /** The kinds the person accepted in wx.requestSubscribeMessage just now (rejected ones are left out). */
  kinds: z
    .array(z.enum(MESSAGE_KINDS as [string, ...string[]]))
    .min(1)
    .max(3),
});

/** Records subscription consent: each acceptance allows exactly one message of that kind. */
export const consent = defineAction({
  summary: '记录订阅消息授权（每次同意可接收一条该类通知）',
  input: ZConsentInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['inbox'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const remaining: Record<string, number> = {};
    await ctx.store.runTransaction(async (tx) => {
      for (const kind of new Set(input.kinds)) {
        const id = consentId(ctx.caller.userId, kind as ConsentDoc['kind']);
        const current = await tx.get<ConsentDoc>(NOTIFY_COLLECTIONS.consents, id);
        if (current)
          await tx.updateById(NOTIFY_COLLECTIONS.consents, id, { $inc: { remaining: 1 }, $set: { updatedAt: at } });
        else {
          await tx.insert<ConsentDoc>(NOTIFY_COLLECTIONS.consents, {
            _id: id,
            userId: ctx.caller.userId,
            kind: kind as ConsentDoc['kind'],
            remaining: 1,
            updatedAt: at,
          });
        }
        remaining[kind] = (current?.remaining ?? 0) + 1;
      }
    });
    return { remaining };
  },
});
