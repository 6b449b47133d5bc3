import { z } from 'zod';
import { GC_COLLECTIONS, type GoodsDoc } from '../../_core/domain/greencoin';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { canManage } from '../core';
import { type GoodsView, ZId } from '../lib/goods';
import { readStock } from '../stock';

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
