import { z } from 'zod';
import { queueActions } from '../../_core/domain/redemption';
import {
  SERVICE_FLOW,
  SERVICE_REQUEST_STATUSES,
  type ServiceRequestDoc,
  TB_COLLECTIONS,
} from '../../_core/domain/timebank';
import { queuePage, secondPersonFor } from '../../_core/redemption/queue';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, staffCommunity, ZId, ZListPage } from '../core';
import { requestView } from '../lib/services';

/** What staff do from the queue: decide a request, then record it served. */
const STAFF_QUEUE_EVENTS = ['approve', 'reject', 'fulfil'] as const;

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
    const items = await Promise.all(
      page.map(async (d) => ({
        ...requestView(d, names.get(d.userId) ?? ''),
        // The buttons this staff member gets: 通过 is never offered on their own or a 代办-linked request.
        actions: queueActions(
          SERVICE_FLOW,
          d.status,
          STAFF_QUEUE_EVENTS,
          await secondPersonFor(ctx.store, ctx.caller.userId, d),
        ),
      })),
    );
    return { items, hasMore };
  },
});
