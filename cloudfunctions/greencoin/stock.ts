/**
 * An item's stock as STOCK_SHARDS shard documents (issue 17): on CloudBase every request and
 * approval rewrote the goods document's stock/reserved, and 65 of 100 simultaneous requests ran
 * out of retries. Each change now reads and writes only the shard it touches inside its
 * transaction, so per shard reserved ≤ stock ≥ 0 holds under snapshot isolation (a shard written
 * by two transactions lets only the first commit), and so does the sum: nothing is oversold.
 * Every stock change goes through this module; each writes one stock move per shard it changed.
 */
import {
  GC_COLLECTIONS,
  type GoodsDoc,
  STOCK_SHARDS,
  type StockMoveDoc,
  type StockPart,
  type StockShardDoc,
  spreadStock,
  stockShardId,
} from '../_core/domain/greencoin';
import { shardOf } from '../_core/domain/reports/figures';
import { AppError } from '../_core/runtime/errors';
import type { DocStore, TxStore } from '../_core/store/docstore';

export interface MoveInfo {
  /** The first move's id; further shards' moves get `<id>.<n>`. */
  id: string;
  kind: StockMoveDoc['kind'];
  reason: string;
  actorUserId: string;
  redemptionId: string | null;
  at: string;
}

const shardIds = (goodsId: string) => Array.from({ length: STOCK_SHARDS }, (_, s) => stockShardId(goodsId, s));

async function shardsOf(tx: TxStore, goods: GoodsDoc): Promise<Array<StockShardDoc | null>> {
  const out: Array<StockShardDoc | null> = [];
  for (const id of shardIds(goods._id)) out.push(await tx.get<StockShardDoc>(GC_COLLECTIONS.stockShards, id));
  return out;
}

/** Changes one shard's stock/reserved and records a move when the shelf changed. */
async function change(
  tx: TxStore,
  goods: GoodsDoc,
  shard: number,
  current: StockShardDoc | null,
  by: { stock: number; reserved: number },
  move: MoveInfo | null,
  moveId: string,
  at: string,
): Promise<StockShardDoc> {
  const before = current ?? {
    _id: stockShardId(goods._id, shard),
    goodsId: goods._id,
    communityId: goods.communityId,
    shard,
    stock: 0,
    reserved: 0,
    moveCount: 0,
    updatedAt: at,
  };
  const after: StockShardDoc = {
    ...before,
    stock: before.stock + by.stock,
    reserved: before.reserved + by.reserved,
    moveCount: before.moveCount + (move && by.stock !== 0 ? 1 : 0),
    updatedAt: at,
  };
  // The invariants checked where they are written; callers check first and say why in Chinese.
  if (after.reserved < 0 || after.stock < after.reserved) throw new AppError('INTERNAL', '库存记录不一致');
  const { _id, ...fields } = after;
  if (current) await tx.updateById(GC_COLLECTIONS.stockShards, _id, { $set: fields });
  else await tx.insert<StockShardDoc>(GC_COLLECTIONS.stockShards, after);
  if (move && by.stock !== 0) {
    await tx.insert<StockMoveDoc>(GC_COLLECTIONS.stockMoves, {
      _id: moveId,
      goodsId: goods._id,
      communityId: goods.communityId,
      kind: move.kind,
      shard,
      seq: after.moveCount,
      delta: by.stock,
      stockAfter: after.stock,
      reason: move.reason,
      actorUserId: move.actorUserId,
      redemptionId: move.redemptionId,
      at: move.at,
    });
  }
  return after;
}

const partMoveId = (move: MoveInfo, n: number) => (n === 0 ? move.id : `${move.id}.${n}`);

/**
 * Holds `quantity` units for a request: first in the shard `userId` hashes to, then others in the
 * person's own order, so a crowd asking for one item spreads over its shards. OUT_OF_STOCK when all shards together
 * have fewer units free.
 */
export async function reserveStock(
  tx: TxStore,
  goods: GoodsDoc,
  quantity: number,
  userId: string,
  at: string,
): Promise<StockPart[]> {
  const start = shardOf(userId, STOCK_SHARDS);
  // Each person's own odd stride (coprime with the 16 shards, so every shard is visited once): with
  // a stride of 1, everyone whose shard ran dry fell on the same next one.
  const stride = 2 * shardOf(`${userId}#stride`, STOCK_SHARDS / 2) + 1;
  const parts: StockPart[] = [];
  const seen: Array<[number, StockShardDoc]> = [];
  let missing = quantity;
  for (let i = 0; i < STOCK_SHARDS && missing > 0; i += 1) {
    const s = (start + i * stride) % STOCK_SHARDS;
    const doc = await tx.get<StockShardDoc>(GC_COLLECTIONS.stockShards, stockShardId(goods._id, s));
    const free = doc ? doc.stock - doc.reserved : 0;
    if (!doc || free <= 0) continue;
    const take = Math.min(free, missing);
    parts.push([s, take]);
    seen.push([s, doc]);
    missing -= take;
  }
  if (missing > 0) throw new AppError('OUT_OF_STOCK', '库存不足');
  for (const [n, [s, take]] of parts.entries()) {
    const doc = seen[n]?.[1] ?? null;
    await change(tx, goods, s, doc, { stock: 0, reserved: take }, null, '', at);
  }
  return parts;
}

/** Gives back what a request held (reject, cancel, expire): the shelf is unchanged, no move. */
export async function releaseStock(
  tx: TxStore,
  goods: GoodsDoc,
  parts: readonly StockPart[],
  at: string,
): Promise<void> {
  for (const [s, quantity] of parts) {
    const doc = await tx.get<StockShardDoc>(GC_COLLECTIONS.stockShards, stockShardId(goods._id, s));
    if (!doc) throw new AppError('INTERNAL', '库存记录不一致');
    await change(tx, goods, s, doc, { stock: 0, reserved: -quantity }, null, '', at);
  }
}

/** Hands over what a request held (approval): off the shelf and out of reserved, one move per shard. */
export async function takeReservedStock(
  tx: TxStore,
  goods: GoodsDoc,
  parts: readonly StockPart[],
  move: MoveInfo,
): Promise<void> {
  for (const [n, [s, quantity]] of parts.entries()) {
    const doc = await tx.get<StockShardDoc>(GC_COLLECTIONS.stockShards, stockShardId(goods._id, s));
    if (!doc) throw new AppError('INTERNAL', '库存记录不一致');
    await change(tx, goods, s, doc, { stock: -quantity, reserved: -quantity }, move, partMoveId(move, n), move.at);
  }
}

/** Units back on the shelf (a refund): into the shard `userId` hashes to. */
export async function returnStock(
  tx: TxStore,
  goods: GoodsDoc,
  quantity: number,
  userId: string,
  move: MoveInfo,
): Promise<void> {
  const s = shardOf(userId, STOCK_SHARDS);
  const doc = await tx.get<StockShardDoc>(GC_COLLECTIONS.stockShards, stockShardId(goods._id, s));
  await change(tx, goods, s, doc, { stock: quantity, reserved: 0 }, move, move.id, move.at);
}

/**
 * Restock (delta > 0, spread evenly over the shards) or a correction after counting (delta < 0,
 * taken from the shards with most units free; never below what requests hold). Reads every shard:
 * a staff action, rare beside requests. Returns the item's totals after the change.
 */
export async function adjustStock(
  tx: TxStore,
  goods: GoodsDoc,
  delta: number,
  move: MoveInfo,
): Promise<{ stock: number; reserved: number }> {
  const shards = await shardsOf(tx, goods);
  const amounts =
    delta > 0 ? spreadStock(delta, shardOf(move.id, STOCK_SHARDS)) : takeFromFreest(shards, -delta).map((n) => -n);
  let n = 0;
  const totals = { stock: 0, reserved: 0 };
  for (const [s, amount] of amounts.entries()) {
    let doc = shards[s] ?? null;
    if (amount !== 0) {
      doc = await change(tx, goods, s, doc, { stock: amount, reserved: 0 }, move, partMoveId(move, n), move.at);
      n += 1;
    }
    totals.stock += doc?.stock ?? 0;
    totals.reserved += doc?.reserved ?? 0;
  }
  return totals;
}

function takeFromFreest(shards: ReadonlyArray<StockShardDoc | null>, units: number): number[] {
  const free = shards.map((d) => (d ? d.stock - d.reserved : 0));
  if (free.reduce((a, b) => a + b, 0) < units) throw new AppError('OUT_OF_STOCK', '调整后库存少于待审核申请占用的数量');
  const out = free.map(() => 0);
  let left = units;
  for (const s of free.map((_, i) => i).sort((a, b) => (free[b] ?? 0) - (free[a] ?? 0))) {
    const take = Math.min(free[s] ?? 0, left);
    out[s] = take;
    left -= take;
    if (left === 0) break;
  }
  return out;
}

/** Shown stock per item: the sum of its shards, one bounded query for a page of items. */
export async function readStock(
  store: DocStore,
  goodsIds: readonly string[],
): Promise<Map<string, { stock: number; reserved: number; shards: StockShardDoc[] }>> {
  const out = new Map(goodsIds.map((id) => [id, { stock: 0, reserved: 0, shards: [] as StockShardDoc[] }]));
  if (goodsIds.length === 0) return out;
  const docs: StockShardDoc[] = [];
  // At most STOCK_SHARDS per item: a page of 50 items is one read, the reconcile's 200 a few.
  for (let skip = 0; skip < goodsIds.length * STOCK_SHARDS; skip += 1000) {
    const page = await store.find<StockShardDoc>(
      GC_COLLECTIONS.stockShards,
      { goodsId: { $in: [...goodsIds] } },
      { orderBy: [['_id', 'asc']], skip, limit: 1000 },
    );
    docs.push(...page);
    if (page.length < 1000) break;
  }
  for (const d of docs) {
    const row = out.get(d.goodsId);
    if (!row) continue;
    row.stock += d.stock;
    row.reserved += d.reserved;
    row.shards.push(d);
  }
  return out;
}

/** A new item's first stock, spread over the shards (goods.save, seeds). */
export async function initialStock(tx: TxStore, goods: GoodsDoc, units: number, move: MoveInfo): Promise<void> {
  if (units > 0) await adjustStock(tx, goods, units, move);
}
