import { z } from 'zod';
import { TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { ruleOf, STAFF, staffCommunity, volunteerView, ZId, ZListPage } from '../core';

export const ZVolunteerRosterInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(['pending', 'verified']).optional(),
  ...ZListPage,
});

export const volunteerRoster = defineAction({
  summary: '志愿者花名册（本社区，可按认证状态筛选）',
  input: ZVolunteerRosterInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const filter: Record<string, unknown> = { communityId };
    if (input.status) filter.status = input.status;
    const docs = await ctx.store.find<VolunteerDoc>(TB_COLLECTIONS.volunteers, filter, {
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const rule = await ruleOf(ctx.store, communityId);
    return {
      communityId,
      items: docs.slice(0, input.limit).map((d) => volunteerView(d, rule.starHours)),
      hasMore: docs.length > input.limit,
    };
  },
});
