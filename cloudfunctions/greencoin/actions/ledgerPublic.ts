import { z } from 'zod';
import { monthKey, RUBRIC_CATEGORIES } from '../../_core/domain/greencoin';
import { balanceOf, type EntryDoc, issuerAccount, LEDGER_COLLECTIONS, sinkAccount } from '../../_core/ledger';
import { readGreencoinStats } from '../../_core/ledger/gcstats';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { EXTRA_CATEGORY_NAMES, previousMonths, ZId } from '../lib/public';

export const ZLedgerPublicInputSchema = z.strictObject({
  communityId: ZId.optional(),
  /** The last month shown; defaults to this month. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

export const ledgerPublic = defineAction({
  summary: '社区绿币公开账本（匿名）：发放、扣减、兑换总额及分类',
  input: ZLedgerPublicInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请先选择所在社区');
    const month = input.month ?? monthKey(ctx.clock.now());
    const months = previousMonths(month, 12);
    const byMonth = await readGreencoinStats(ctx.store, [communityId], months);
    // The community's accounts are the sums of their per-person sub-accounts (docs/LEDGER.md).
    const [issuer, sink] = await Promise.all([
      balanceOf(ctx.store, issuerAccount('GC', communityId)),
      balanceOf(ctx.store, sinkAccount('GC', communityId)),
    ]);
    // The issuer's side of every award and deduction: amounts and reasons, never a person.
    const recent = await ctx.store.find<EntryDoc>(
      LEDGER_COLLECTIONS.entries,
      { systemAccountId: issuerAccount('GC', communityId) },
      {
        orderBy: [['at', 'desc']],
        limit: 20,
      },
    );
    const current = byMonth.get(month);
    return {
      communityId,
      month,
      totals: {
        /** Coins ever issued minus deducted: what residents hold (spendable or held) plus what was redeemed. */
        outstanding: -issuer.balance,
        redeemed: sink.balance,
      },
      thisMonth: {
        issued: current?.issued ?? 0,
        deducted: current?.deducted ?? 0,
        redeemed: current?.redeemed ?? 0,
        awards: current?.awards ?? 0,
        redemptions: current?.redemptions ?? 0,
        byCategory: [
          ...RUBRIC_CATEGORIES,
          // Coins issued outside the rubric, e.g. report rewards (举报奖励).
          ...Object.keys(current?.byCategory ?? {})
            .filter((key) => !RUBRIC_CATEGORIES.some((c) => c.key === key))
            .map((key) => ({ key, name: EXTRA_CATEGORY_NAMES[key] ?? '其他' })),
        ].map((c) => ({ key: c.key, name: c.name, issued: current?.byCategory[c.key] ?? 0 })),
      },
      months: months.map((m) => {
        const s = byMonth.get(m);
        return { month: m, issued: s?.issued ?? 0, deducted: s?.deducted ?? 0, redeemed: s?.redeemed ?? 0 };
      }),
      recent: recent.map((e) => ({ id: e.postingId, amount: -e.amount, reason: e.reason, kind: e.kind, at: e.at })),
    };
  },
});
