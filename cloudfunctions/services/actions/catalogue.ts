import { z } from 'zod';
import { SERVICE_COLLECTIONS, type ServiceItemDoc } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { itemView } from '../lib/access';

export const ZId = z.string().min(1).max(64);

export const ZCatalogueInputSchema = z.strictObject({ communityId: ZId.optional() });

/** The window's list: what can be done here, what to bring, the fee, the time limit, where to collect. */
export const catalogue = defineAction({
  summary: '社区为民服务事项和印章使用事项清单（所需材料、收费、承诺时限、领取地点）',
  input: ZCatalogueInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    // 12 + 16 + 18 items per community: one bounded page holds them all.
    const items = await ctx.store.find<ServiceItemDoc>(
      SERVICE_COLLECTIONS.items,
      { communityId },
      { orderBy: [['order', 'asc']], limit: 200 },
    );
    return { communityId, items: items.filter((i) => i.active).map(itemView) };
  },
});
