import { z } from 'zod';
import { COLLECTIONS } from '../../_core/domain/people';
import { readTimebankFigures } from '../../_core/figures/counters';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, staffCommunity, ZId } from '../core';

export const ZFiguresInputSchema = z.strictObject({ communityId: ZId.optional() });

export const figures = defineAction({
  summary: '时间银行统计（志愿者登记占居民比例、人均志愿时长）',
  input: ZFiguresInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['figures', 'timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    // The (community, shard) counters the changes keep (issue 19), not a page through every volunteer.
    const [residents, counters] = await Promise.all([
      ctx.store.count(COLLECTIONS.users, { communityId }),
      readTimebankFigures(ctx.store, [communityId]),
    ]);
    const c = counters.get(communityId);
    const volunteers = c?.volunteers ?? 0;
    const verified = c?.verified ?? 0;
    const totalMinutes = c?.minutes ?? 0;
    return {
      communityId,
      residents,
      volunteers,
      verified,
      /** Percent with one decimal, e.g. 37.6. */
      registeredShare: residents ? Math.round((volunteers * 1000) / residents) / 10 : 0,
      totalHours: Math.round(totalMinutes / 6) / 10,
      averageHours: volunteers ? Math.round(totalMinutes / volunteers / 6) / 10 : 0,
    };
  },
});
