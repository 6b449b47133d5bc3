import { z } from 'zod';
import { GC_COLLECTIONS, type GoodsDoc } from '../../_core/domain/greencoin';
import { IMAGE_TYPES } from '../../_core/domain/uploads';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertOwnUploads } from '../../_core/runtime/uploads';
import { canManage, staffCommunity, writeAudit } from '../core';
import { STAFF, ZId } from '../lib/goods';
import { initialStock } from '../stock';

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
