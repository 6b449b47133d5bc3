import { z } from 'zod';
import { GC_COLLECTIONS, type GoodsDoc } from '../../_core/domain/greencoin';
import { idempotent } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { canManage, writeAudit } from '../core';
import { STAFF, ZId } from '../lib/goods';
import { adjustStock } from '../stock';

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
