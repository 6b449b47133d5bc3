import { z } from 'zod';
import { SERVICE_REQUEST_STATUSES, type ServiceRequestDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { queuePage } from '../../_core/redemption/queue';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, staffCommunity, ZId, ZListPage } from '../core';
import { requestView } from '../lib/services';

export const ZServiceQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(SERVICE_REQUEST_STATUSES).default('requested'),
  ...ZListPage,
});

export const serviceQueue = defineAction({
  summary: '服务兑换审核队列（本社区，先到先审）',
  input: ZServiceQueueInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const { page, names, hasMore } = await queuePage<ServiceRequestDoc>(ctx.store, TB_COLLECTIONS.requests, {
      communityId,
      status: input.status,
      skip: input.skip,
      limit: input.limit,
    });
    return { items: page.map((d) => requestView(d, names.get(d.userId) ?? '')), hasMore };
  },
});
