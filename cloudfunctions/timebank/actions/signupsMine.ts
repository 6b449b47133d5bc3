import { z } from 'zod';
import { type ActivityDoc, type SignupDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { activityView, ZListPage } from '../core';
import { signupView } from '../lib/activities';

export const ZSignupsMineInputSchema = z.strictObject({ ...ZListPage });

export const signupsMine = defineAction({
  summary: '我的报名（含候补、签到与确认时长）',
  input: ZSignupsMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const docs = await ctx.store.find<SignupDoc>(
      TB_COLLECTIONS.signups,
      { userId: ctx.caller.userId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const page = docs.slice(0, input.limit);
    const activities = page.length
      ? await ctx.store.find<ActivityDoc>(
          TB_COLLECTIONS.activities,
          { _id: { $in: page.map((s) => s.activityId) } },
          { limit: page.length },
        )
      : [];
    const byId = new Map(activities.map((a) => [a._id, a]));
    return {
      items: page.flatMap((s) => {
        const activity = byId.get(s.activityId);
        const view = signupView(s);
        return activity && view ? [{ ...view, activity: activityView(activity, undefined, now) }] : [];
      }),
      hasMore: docs.length > input.limit,
    };
  },
});
