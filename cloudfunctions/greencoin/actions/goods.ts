import { z } from 'zod';
import { GC_COLLECTIONS, type GoodsDoc, monthRange, type StockMoveDoc } from '../../_core/domain/greencoin';
import { IMAGE_TYPES } from '../../_core/domain/uploads';
import { idempotent } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertOwnUploads } from '../../_core/runtime/uploads';
import { canManage, staffCommunity, writeAudit } from '../core';
import { adjustStock, initialStock, readStock } from '../stock';

/** Ids of users, communities and documents: plain characters only (they become parts of account ids). */
const ZId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);
const STAFF = ['staff', 'admin'] as const;

export interface GoodsView {
  id: string;
  communityId: string;
  name: string;
  description: string;
  price: number;
  /** Units a resident can still ask for (stock not held by pending requests). */
  available: number;
  stock: number;
  reserved: number;
  limitPerPerson: number;
  limitPeriod: GoodsDoc['limitPeriod'];
  pictures: string[];
  pictureUrls: string[];
  active: boolean;
}

export const ZGoodsListInputSchema = z.strictObject({
  communityId: ZId.optional(),
  includeInactive: z.boolean().default(false),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const goodsList = defineAction({
  summary: '爱心超市的商品（价格、库存、限兑）',
  input: ZGoodsListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请先选择所在社区');
    const showAll = input.includeInactive && canManage(ctx.caller, communityId);
    const docs = await ctx.store.find<GoodsDoc>(
      GC_COLLECTIONS.goods,
      showAll ? { communityId } : { communityId, active: true },
      {
        orderBy: [
          ['price', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const page = docs.slice(0, input.limit);
    const urls = await ctx.files.urls(page.flatMap((g) => g.pictures));
    const stock = await readStock(
      ctx.store,
      page.map((g) => g._id),
    );
    const items: GoodsView[] = page.map((g) => ({
      id: g._id,
      communityId: g.communityId,
      name: g.name,
      description: g.description,
      price: g.price,
      available: (stock.get(g._id)?.stock ?? 0) - (stock.get(g._id)?.reserved ?? 0),
      stock: stock.get(g._id)?.stock ?? 0,
      reserved: stock.get(g._id)?.reserved ?? 0,
      limitPerPerson: g.limitPerPerson,
      limitPeriod: g.limitPeriod,
      pictures: g.pictures,
      pictureUrls: g.pictures.map((p) => urls[p]).filter((u): u is string => Boolean(u)),
      active: g.active,
    }));
    return { communityId, items, hasMore: docs.length > input.limit };
  },
});

export const ZGoodsSaveInputSchema = z.strictObject({
  /** Absent: a new item. */
  goodsId: ZId.optional(),
  communityId: ZId.optional(),
  name: z.string().trim().min(1).max(30),
  description: z.string().trim().max(200).default(''),
  price: z.number().int().min(1).max(100_000),
  limitPerPerson: z.number().int().min(0).max(1000).default(0),
  limitPeriod: z.enum(['week', 'month', 'none']).default('month'),
  pictures: z.array(z.string().min(1).max(200)).max(6).default([]),
  active: z.boolean().default(true),
  /** Only for a new item: the first stock, recorded as a stock move. */
  initialStock: z.number().int().min(0).max(100_000).default(0),
});

export const goodsSave = defineAction({
  summary: '上架或修改爱心超市商品（价格、限兑、图片、上下架）',
  input: ZGoodsSaveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now().toISOString();
    const ids = { goodsId: ctx.newId(), moveId: ctx.newId(), auditId: ctx.newId() };
    // Pictures already on the item stay whoever uploaded them; only new ones must be the caller's.
    const current = input.goodsId ? await ctx.store.get<GoodsDoc>(GC_COLLECTIONS.goods, input.goodsId) : null;
    const added = input.pictures.filter((p) => !current?.pictures.includes(p));
    await assertOwnUploads(ctx, added, IMAGE_TYPES, '图片');
    return ctx.store.runTransaction(async (tx) => {
      const fields = {
        name: input.name,
        description: input.description,
        price: input.price,
        limitPerPerson: input.limitPerPerson,
        limitPeriod: input.limitPeriod,
        pictures: input.pictures,
        active: input.active,
        updatedAt: now,
      };
      if (input.goodsId) {
        const existing = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, input.goodsId);
        if (!existing || !canManage(ctx.caller, existing.communityId)) throw new AppError('NOT_FOUND', '商品不存在');
        await tx.updateById(GC_COLLECTIONS.goods, existing._id, { $set: fields });
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at: now,
          action: 'goods.save',
          communityId: existing.communityId,
          target: { collection: GC_COLLECTIONS.goods, id: existing._id },
          details: { price: input.price, active: input.active },
        });
        return { id: existing._id };
      }
      const communityId = staffCommunity(ctx.caller, input.communityId);
      const doc: GoodsDoc = {
        _id: ids.goodsId,
        communityId,
        ...fields,
        createdAt: now,
      };
      await tx.insert(GC_COLLECTIONS.goods, doc);
      await initialStock(tx, doc, input.initialStock, {
        id: ids.moveId,
        kind: 'initial',
        reason: '上架',
        actorUserId: ctx.caller.userId,
        redemptionId: null,
        at: now,
      });
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at: now,
        action: 'goods.save',
        communityId,
        target: { collection: GC_COLLECTIONS.goods, id: doc._id },
        details: { price: input.price, stock: input.initialStock },
      });
      return { id: doc._id };
    });
  },
});

export const ZGoodsRestockInputSchema = z.strictObject({
  goodsId: ZId,
  /** Positive: goods arrived; negative: a correction after counting (cannot go below what requests hold). */
  delta: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .refine((n) => n !== 0, '数量不能为 0'),
  reason: z.string().trim().min(1).max(100),
  idempotencyKey: z.string().min(1).max(128),
});

export const goodsRestock = defineAction({
  summary: '补货或盘点调整库存（每次变动都有记录）',
  input: ZGoodsRestockInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now().toISOString();
    const ids = { moveId: ctx.newId(), auditId: ctx.newId() };
    const { idempotencyKey, ...request } = input;
    return idempotent(
      ctx.store,
      { scope: ctx.caller.userId, key: idempotencyKey, request: { action: 'goods.restock', ...request }, at: now },
      async (tx) => {
        const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, input.goodsId);
        if (!goods || !canManage(ctx.caller, goods.communityId)) throw new AppError('NOT_FOUND', '商品不存在');
        const { stock, reserved } = await adjustStock(tx, goods, input.delta, {
          id: ids.moveId,
          kind: input.delta > 0 ? 'restock' : 'adjust',
          reason: input.reason,
          actorUserId: ctx.caller.userId,
          redemptionId: null,
          at: now,
        });
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at: now,
          action: 'goods.restock',
          communityId: goods.communityId,
          target: { collection: GC_COLLECTIONS.goods, id: goods._id },
          details: { delta: input.delta, stock },
        });
        return { id: goods._id, stock, reserved, available: stock - reserved };
      },
    );
  },
});

export const ZStockReconcileInputSchema = z.strictObject({
  communityId: ZId.optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

export const stockReconcile = defineAction({
  summary: '月度库存对账：期初 + 入库 − 出库 = 期末',
  input: ZStockReconcileInputSchema,
  roles: [...STAFF, 'sage'],
  access: { scope: ['staff', 'supervisor'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
    const sage = ctx.caller.grants.some((g) => g.role === 'sage' && g.communityId === communityId);
    if (!sage && !canManage(ctx.caller, communityId)) throw new AppError('FORBIDDEN', '只能查看本社区的对账');
    const { start, end } = monthRange(input.month);
    const goods = await ctx.store.find<GoodsDoc>(
      GC_COLLECTIONS.goods,
      { communityId },
      { orderBy: [['name', 'asc']], limit: 200 },
    );
    const rows = [];
    const stock = await readStock(
      ctx.store,
      goods.map((g) => g._id),
    );
    for (const g of goods) {
      const held = stock.get(g._id) ?? { stock: 0, reserved: 0, shards: [] };
      // Per shard: its stock before the month (the latest earlier move), and whether the shard
      // agrees with its own latest move. The item's figures are the sums.
      let opening = 0;
      let consistent = true;
      for (const shard of held.shards) {
        const before = await ctx.store.find<StockMoveDoc>(
          GC_COLLECTIONS.stockMoves,
          { goodsId: g._id, shard: shard.shard, at: { $lt: start } },
          { orderBy: [['seq', 'desc']], limit: 1 },
        );
        opening += before[0]?.stockAfter ?? 0;
        const latest = await ctx.store.find<StockMoveDoc>(
          GC_COLLECTIONS.stockMoves,
          { goodsId: g._id, shard: shard.shard },
          { orderBy: [['seq', 'desc']], limit: 1 },
        );
        if ((latest[0]?.stockAfter ?? 0) !== shard.stock || latest[0]?.seq !== shard.moveCount) {
          if (shard.moveCount > 0 || shard.stock !== 0) consistent = false;
        }
        if (shard.stock < shard.reserved || shard.reserved < 0) consistent = false;
      }
      const totals = { in: 0, out: 0, adjust: 0, moves: 0 };
      let closing = opening;
      for (let skip = 0; ; skip += 1000) {
        const moves = await ctx.store.find<StockMoveDoc>(
          GC_COLLECTIONS.stockMoves,
          { goodsId: g._id, at: { $gte: start, $lt: end } },
          {
            orderBy: [
              ['at', 'asc'],
              ['_id', 'asc'],
            ],
            skip,
            limit: 1000,
          },
        );
        for (const m of moves) {
          totals.moves += 1;
          if (m.kind === 'redeem') totals.out += -m.delta;
          else if (m.kind === 'adjust') totals.adjust += m.delta;
          else totals.in += m.delta;
          closing += m.delta;
        }
        if (moves.length < 1000) break;
      }
      rows.push({
        goodsId: g._id,
        name: g.name,
        opening,
        in: totals.in,
        out: totals.out,
        adjust: totals.adjust,
        closing,
        moves: totals.moves,
        currentStock: held.stock,
        reserved: held.reserved,
        /** Every stock shard agrees with its own stock moves. */
        consistent,
      });
    }
    return { communityId, month: input.month, rows, consistent: rows.every((r) => r.consistent) };
  },
});
