import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { speakerIn } from '../../_core/domain/speaker';
import { type ActivityDoc, type SignupDoc, signupId, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { activityView, canManage, ZId } from '../core';
import { signupView } from '../lib/activities';
import { placesTaken } from '../slots';

export const ZActivityGetInputSchema = z.strictObject({ activityId: ZId });

export const activityGet = defineAction({
  summary: '活动详情（含我的报名与签到状态）',
  input: ZActivityGetInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const doc = await ctx.store.get<ActivityDoc>(TB_COLLECTIONS.activities, input.activityId);
    if (!doc || (doc.communityId !== ctx.caller.communityId && !canManage(ctx.caller, doc.communityId))) {
      throw new AppError('NOT_FOUND', '活动不存在');
    }
    const organizer = await ctx.store.get<UserDoc>(COLLECTIONS.users, doc.organizerUserId);
    const mine = await ctx.store.get<SignupDoc>(TB_COLLECTIONS.signups, signupId(doc._id, ctx.caller.userId));
    const position = doc.waitlist.indexOf(ctx.caller.userId);
    const taken = await placesTaken(ctx.store, [doc._id]);
    return {
      activity: activityView(doc, organizer?.nickname, ctx.clock.now(), taken.get(doc._id)),
      /** The organiser's role in the community, stated by the server (a volunteer organiser has none). */
      organizerRole: organizer ? speakerIn(organizer.grants, doc.communityId) : null,
      mine: signupView(mine),
      waitingPosition: position >= 0 ? position + 1 : null,
      canOrganise: doc.organizerUserId === ctx.caller.userId || canManage(ctx.caller, doc.communityId),
    };
  },
});
