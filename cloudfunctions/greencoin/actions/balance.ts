import { z } from 'zod';
import { balanceOf, userAccount } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { subjectOf, ZUserId } from '../lib/wallet';

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
