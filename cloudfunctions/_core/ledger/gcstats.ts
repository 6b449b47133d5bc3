/**
 * Monthly green-coin totals per community (collection gc_stats), read by the anonymised public
 * ledger. Whoever issues, deducts or redeems green coins bumps them in the same transaction as
 * the posting: greencoin itself, and report rewards (举报奖励, category 'report').
 */
import { GC_COLLECTIONS, GC_STATS_SHARDS, monthKey, type StatsDoc, statsId } from '../domain/greencoin';
import type { DocStore, Filter, TxStore } from '../store/docstore';

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
  // Any shard will do: a rerun transaction body may pick another one, and that is still all-or-nothing.
  const id = statsId(communityId, month, Math.floor(Math.random() * GC_STATS_SHARDS));
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

/** The months' totals of some communities (all of them for none given), summed over shards and communities. */
export async function readGreencoinStats(
  store: DocStore,
  communityIds: readonly string[] | undefined,
  months: readonly string[],
): Promise<Map<string, Omit<StatsDoc, '_id' | 'communityId'>>> {
  const where: Filter =
    communityIds === undefined
      ? {}
      : communityIds.length === 1
        ? { communityId: communityIds[0] }
        : { communityId: { $in: [...communityIds] } };
  const out = new Map<string, Omit<StatsDoc, '_id' | 'communityId'>>();
  // A year is 12 months × GC_STATS_SHARDS documents per community: pages of 1000 stay few.
  for (let skip = 0; skip < 100_000; skip += 1000) {
    const docs = await store.find<StatsDoc>(
      GC_COLLECTIONS.stats,
      { ...where, month: { $in: [...months] } },
      { orderBy: [['_id', 'asc']], skip, limit: 1000 },
    );
    for (const d of docs) {
      const m = out.get(d.month) ?? {
        month: d.month,
        issued: 0,
        deducted: 0,
        redeemed: 0,
        refunded: 0,
        awards: 0,
        redemptions: 0,
        byCategory: {},
      };
      m.issued += d.issued ?? 0;
      m.deducted += d.deducted ?? 0;
      m.redeemed += d.redeemed ?? 0;
      m.refunded += d.refunded ?? 0;
      m.awards += d.awards ?? 0;
      m.redemptions += d.redemptions ?? 0;
      for (const [k, v] of Object.entries(d.byCategory ?? {})) m.byCategory[k] = (m.byCategory[k] ?? 0) + v;
      out.set(d.month, m);
    }
    if (docs.length < 1000) break;
  }
  return out;
}
