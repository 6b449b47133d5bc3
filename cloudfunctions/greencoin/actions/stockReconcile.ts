import { z } from 'zod';
import { GC_COLLECTIONS, type GoodsDoc, monthRange, type StockMoveDoc } from '../../_core/domain/greencoin';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { canManage } from '../core';
import { STAFF, ZId } from '../lib/goods';
import { readStock } from '../stock';

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
