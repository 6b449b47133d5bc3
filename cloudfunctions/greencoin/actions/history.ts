import { z } from 'zod';
import { type EntryDoc, LEDGER_COLLECTIONS, userAccount } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { type HistoryItem, subjectOf, ZUserId } from '../lib/wallet';

export const ZHistoryInputSchema = z.strictObject({
  userId: ZUserId.optional(),
  skip: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const history = defineAction({
  summary: '绿币收支明细（每笔都有原因）',
  input: ZHistoryInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const userId = await subjectOf(ctx, input.userId);
    const entries = await ctx.store.find<EntryDoc>(
      LEDGER_COLLECTIONS.entries,
      { accountId: userAccount('GC', userId) },
      {
        orderBy: [['seq', 'desc']],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const items: HistoryItem[] = entries.slice(0, input.limit).map((e) => ({
      id: e._id,
      amount: e.amount,
      balanceAfter: e.balanceAfter,
      reason: e.reason,
      kind: e.kind,
      category: e.category,
      at: e.at,
    }));
    return { items, hasMore: entries.length > input.limit };
  },
});
