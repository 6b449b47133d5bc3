/**
 * Monthly green-coin totals per community (collection gc_stats), read by the anonymised public
 * ledger. Whoever issues, deducts or redeems green coins bumps them in the same transaction as
 * the posting: greencoin itself, and report rewards (举报奖励, category 'report').
 */
import { GC_COLLECTIONS, monthKey, type StatsDoc, statsId } from '../domain/greencoin';
import type { TxStore } from '../store/docstore';

export type StatsCounters = Partial<
  Pick<StatsDoc, 'issued' | 'deducted' | 'redeemed' | 'refunded' | 'awards' | 'redemptions'>
>;

/** Adds to this month's public totals of a community, inside the event's transaction. */
export async function bumpGreencoinStats(
  tx: TxStore,
  communityId: string,
  at: Date,
  counters: StatsCounters,
  category?: { key: string; amount: number },
): Promise<void> {
  const month = monthKey(at);
  const id = statsId(communityId, month);
  const existing = await tx.get<StatsDoc>(GC_COLLECTIONS.stats, id);
  if (!existing) {
    const doc: StatsDoc = {
      _id: id,
      communityId,
      month,
      issued: 0,
      deducted: 0,
      redeemed: 0,
      refunded: 0,
      awards: 0,
      redemptions: 0,
      byCategory: {},
      ...counters,
    };
    if (category) doc.byCategory[category.key] = category.amount;
    await tx.insert(GC_COLLECTIONS.stats, doc);
    return;
  }
  const inc: Record<string, number> = { ...counters } as Record<string, number>;
  if (category) inc[`byCategory.${category.key}`] = category.amount;
  await tx.updateById(GC_COLLECTIONS.stats, id, { $inc: inc });
}
