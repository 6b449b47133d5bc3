import { z } from 'zod';
import {
  DEFAULT_PICKUP,
  GC_COLLECTIONS,
  pickupDeadline,
  REDEMPTION_STATUSES,
  type RedemptionDoc,
  type RubricDoc,
} from '../../_core/domain/greencoin';
import { ownPage } from '../../_core/redemption/queue';
import { ZListPage } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { redemptionView } from '../core';

export const ZRedeemMineInputSchema = z.strictObject({ status: z.enum(REDEMPTION_STATUSES).optional(), ...ZListPage });

export const redeemMine = defineAction({
  summary: '我的兑换申请（通过后显示领取码）',
  input: ZRedeemMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const { page, hasMore } = await ownPage<RedemptionDoc>(ctx.store, GC_COLLECTIONS.redemptions, {
      userId: ctx.caller.userId,
      status: input.status,
      skip: input.skip,
      limit: input.limit,
    });
    // Where, when and until when to collect: from the community's shop settings, per approved item.
    const communityIds = [...new Set(page.filter((d) => d.status === 'approved').map((d) => d.communityId))];
    const rubrics = await Promise.all(communityIds.map((c) => ctx.store.get<RubricDoc>(GC_COLLECTIONS.rubrics, c)));
    const pickupOf = new Map(communityIds.map((c, i) => [c, rubrics[i]?.pickup ?? DEFAULT_PICKUP]));
    return {
      items: page.map((d) => {
        const info = pickupOf.get(d.communityId);
        return {
          ...redemptionView(d, { showCode: true }),
          pickup:
            d.status === 'approved' && info && d.decidedAt
              ? {
                  place: info.place,
                  hours: info.hours,
                  // Fixed at approval; computed for those approved before it was stored.
                  deadline: d.pickupBy ?? pickupDeadline(d.decidedAt, info.days),
                }
              : null,
        };
      }),
      hasMore,
    };
  },
});
