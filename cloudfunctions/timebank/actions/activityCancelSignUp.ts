import { z } from 'zod';
import { type ActivityDoc, type SignupDoc, signupId, slotId, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { notify, ZId } from '../core';
import { heldSlot } from '../lib/activities';

export const ZActivityCancelSignUpInputSchema = z.strictObject({ activityId: ZId });

export const activityCancelSignUp = defineAction({
  summary: '取消报名（活动开始前；空出的名额给第一位候补）',
  input: ZActivityCancelSignUpInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const ids = { messageId: ctx.newId(), outboxId: ctx.newId() };
    const id = signupId(input.activityId, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
      if (!signup || signup.status === 'cancelled') throw new AppError('NOT_FOUND', '您没有报名该活动');
      const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, signup.activityId);
      if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
      if (Date.parse(activity.startsAt) <= now.getTime() || signup.checkInAt) {
        throw new AppError('CONFLICT', '活动已开始，不能取消报名');
      }
      await tx.updateById(TB_COLLECTIONS.signups, id, { $set: { status: 'cancelled', updatedAt: at, slot: null } });
      let promoted: string | null = null;
      if (signup.status === 'waiting') {
        await tx.updateById(TB_COLLECTIONS.activities, activity._id, {
          $set: { waitlist: activity.waitlist.filter((u) => u !== signup.userId) },
        });
      } else {
        const slot = await heldSlot(tx, activity, signup);
        const [first, ...rest] = activity.waitlist;
        if (first) {
          // The freed place goes to the first person waiting, in this same transaction.
          promoted = first;
          await tx.updateById(TB_COLLECTIONS.activities, activity._id, { $set: { waitlist: rest } });
          if (slot !== null)
            await tx.updateById(TB_COLLECTIONS.slots, slotId(activity._id, slot), { $set: { userId: first, at } });
          await tx.updateById(TB_COLLECTIONS.signups, signupId(activity._id, first), {
            $set: { status: 'signed', updatedAt: at, slot },
          });
          await notify(tx, {
            ...ids,
            userId: first,
            kind: 'general',
            title: '候补成功',
            body: `您候补的志愿活动「${activity.title}」有名额空出，已为您转为正式报名，请按时参加。`,
            link: `/packages/volunteer/activity/index?id=${activity._id}`,
            at,
          });
        } else {
          if (slot !== null) await tx.removeById(TB_COLLECTIONS.slots, slotId(activity._id, slot));
          // Written so that someone joining the waiting list at this moment conflicts and reads again.
          await tx.updateById(TB_COLLECTIONS.activities, activity._id, {
            $set: { released: (activity.released ?? 0) + 1 },
          });
        }
      }
      return { cancelled: true, promotedUserId: promoted };
    });
  },
});
