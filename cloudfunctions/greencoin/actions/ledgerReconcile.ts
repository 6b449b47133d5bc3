import { z } from 'zod';
import { checkLedgerInvariants } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { canManage } from '../core';

export const ZLedgerReconcileInputSchema = z.strictObject({ currency: z.enum(['GC', 'TP']).default('GC') });

/**
 * Checks the whole ledger of a currency: balances sum to zero, each balance equals the sum of its
 * entries, no user is overdrawn, holds match what is held. Admin and staff, e.g. after a crash.
 */
export const ledgerReconcile = defineAction({
  summary: '账本核对：所有余额之和为零，每个账户余额等于其明细之和',
  input: ZLedgerReconcileInputSchema,
  roles: ['admin', 'staff'],
  access: { scope: ['staff'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    if (
      !ctx.caller.grants.some(
        (g) => g.role === 'admin' || (g.role === 'staff' && canManage(ctx.caller, g.communityId ?? '')),
      )
    ) {
      throw new AppError('FORBIDDEN');
    }
    return checkLedgerInvariants(ctx.store, input.currency);
  },
});
