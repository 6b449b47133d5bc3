import { z } from 'zod';
import { GC_COLLECTIONS, GOODS_FLOW, REDEMPTION_STATUSES, type RedemptionDoc } from '../../_core/domain/greencoin';
import { queueActions } from '../../_core/domain/redemption';
import { queuePage, secondPersonFor } from '../../_core/redemption/queue';
import { STAFF, ZId, ZListPage } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { redemptionView, staffCommunity } from '../core';

/** What staff do from the queue; collection (pickup) is by the resident's code at the counter. */
const STAFF_QUEUE_EVENTS = ['approve', 'reject', 'refund'] as const;

export const ZRedeemQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(REDEMPTION_STATUSES).default('requested'),
  ...ZListPage,
});

export const redeemQueue = defineAction({
  summary: '兑换审核队列（本社区，默认待审核，先到先审）',
  input: ZRedeemQueueInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const { page, names, hasMore } = await queuePage<RedemptionDoc>(ctx.store, GC_COLLECTIONS.redemptions, {
      communityId,
      status: input.status,
      skip: input.skip,
      limit: input.limit,
    });
    return {
      communityId,
      // Staff never see pickup codes in lists: the resident shows theirs at the counter.
      items: await Promise.all(
        page.map(async (d) => ({
          ...redemptionView(d, { showCode: false, requester: names.get(d.userId) ?? '' }),
          // The buttons this staff member gets: 通过 is never offered on their own or a 代办-linked request.
          actions: queueActions(
            GOODS_FLOW,
            d.status,
            STAFF_QUEUE_EVENTS,
            await secondPersonFor(ctx.store, ctx.caller.userId, d),
          ),
        })),
      ),
      hasMore,
    };
  },
});
