import { z } from 'zod';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { balanceOf, type EntryDoc, LEDGER_COLLECTIONS, userAccount } from '../../_core/ledger';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireManage } from '../core';

const ZUserId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);

/** A resident sees only their own account; staff may look at a resident of their community. */
async function subjectOf(ctx: ActionContext, userId: string | undefined): Promise<string> {
  if (!userId || userId === ctx.caller.userId) return ctx.caller.userId;
  const user = await ctx.store.get<UserDoc>(COLLECTIONS.users, userId);
  if (!user?.communityId) throw new AppError('NOT_FOUND', '用户不存在');
  requireManage(ctx.caller, user.communityId);
  return userId;
}

export const ZBalanceInputSchema = z.strictObject({ userId: ZUserId.optional() });

export const balance = defineAction({
  summary: '绿币余额（总额、冻结中、可用）',
  input: ZBalanceInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const userId = await subjectOf(ctx, input.userId);
    const b = await balanceOf(ctx.store, userAccount('GC', userId));
    return { userId, balance: b.balance, held: b.held, available: b.available };
  },
});

export const ZHistoryInputSchema = z.strictObject({
  userId: ZUserId.optional(),
  skip: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export interface HistoryItem {
  id: string;
  amount: number;
  balanceAfter: number;
  reason: string;
  kind: string;
  category: string | null;
  at: string;
}

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
