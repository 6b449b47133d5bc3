import { z } from 'zod';
import { TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { balanceOf, userAccount } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { ruleOf, volunteerView } from '../core';

export const ZVolunteerMeInputSchema = z.strictObject({});

export const volunteerMe = defineAction({
  summary: '我的志愿者卡片（时长、积分、星级与升星进度）',
  input: ZVolunteerMeInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (_input, ctx) => {
    const doc = await ctx.store.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, ctx.caller.userId);
    const communityId = doc?.communityId ?? ctx.caller.communityId;
    const rule = communityId ? await ruleOf(ctx.store, communityId) : null;
    const points = await balanceOf(ctx.store, userAccount('TP', ctx.caller.userId));
    return {
      profile: doc && rule ? volunteerView(doc, rule.starHours) : null,
      points,
      rule,
      isStaff: communityId
        ? ctx.caller.grants.some(
            (g) => (g.role === 'staff' || g.role === 'admin') && (g.communityId === communityId || !g.communityId),
          )
        : false,
    };
  },
});
