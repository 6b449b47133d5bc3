import { z } from 'zod';
import { type ServiceDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { homeCommunity } from '../core';
import { MAX_SERVICES_PER_COMMUNITY, serviceView } from '../lib/services';

export const ZServiceListInputSchema = z.strictObject({ includeInactive: z.boolean().default(false) });

export const serviceList = defineAction({
  summary: '可用时间积分兑换的服务',
  input: ZServiceListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const filter: Record<string, unknown> = { communityId };
    if (!input.includeInactive) filter.active = true;
    const docs = await ctx.store.find<ServiceDoc>(TB_COLLECTIONS.services, filter, {
      orderBy: [
        ['points', 'asc'],
        ['_id', 'asc'],
      ],
      limit: MAX_SERVICES_PER_COMMUNITY,
    });
    return { items: docs.map(serviceView) };
  },
});
