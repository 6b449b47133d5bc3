import { z } from 'zod';
import {
  type ActivityDoc,
  type SignupDoc,
  type SignupStatus,
  signupId,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ZId } from '../core';
import { signupView } from '../lib/activities';
import { readPlaces, StalePlaces, takeSlot } from '../slots';

export const ZActivitySignUpInputSchema = z.strictObject({ activityId: ZId });

export const activitySignUp = defineAction({
  summary: '报名志愿活动（名额已满则进入候补）',
  input: ZActivitySignUpInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const userId = ctx.caller.userId;
    const id = signupId(input.activityId, userId);
    // The taken slots are read outside the transaction (a query cannot run inside one) and checked
    // inside it slot by slot; when they moved meanwhile the whole sign-up starts again.
    for (let round = 0; round < 4; round += 1) {
      const seen = await readPlaces(ctx.store, input.activityId);
      if (!seen) throw new AppError('NOT_FOUND', '活动不存在');
      try {
        return await ctx.store.runTransaction(async (tx) => {
          const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, userId);
          if (!volunteer) throw new AppError('FORBIDDEN', '请先登记成为志愿者');
          const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, input.activityId);
          if (activity?.status !== 'published' || activity.communityId !== volunteer.communityId) {
            throw new AppError('NOT_FOUND', '活动不存在');
          }
          if (Date.parse(activity.startsAt) <= now.getTime()) throw new AppError('CONFLICT', '活动已开始，不能再报名');
          const existing = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
          if (existing && existing.status !== 'cancelled') throw new AppError('CONFLICT', '您已报名该活动');
          // People are waiting only while every place is taken: nobody jumps the queue.
          const slot = activity.waitlist.length === 0 ? await takeSlot(tx, activity, userId, seen, at) : null;
          const status: SignupStatus = slot === null ? 'waiting' : 'signed';
          if (slot === null) {
            // A place freed since the slots were read: read again rather than wait beside it.
            if ((activity.released ?? 0) !== seen.released) throw new StalePlaces();
            await tx.updateById(TB_COLLECTIONS.activities, activity._id, {
              $set: { waitlist: [...activity.waitlist, userId] },
            });
          }
          const doc: SignupDoc = {
            _id: id,
            activityId: activity._id,
            communityId: activity.communityId,
            userId,
            status,
            createdAt: existing?.createdAt ?? at,
            updatedAt: at,
            checkInAt: null,
            checkOutAt: null,
            confirmedMinutes: null,
            confirmedAt: null,
            confirmedBy: null,
            points: null,
            postingId: null,
            slot,
          };
          if (existing) {
            const { _id, ...rest } = doc;
            await tx.updateById(TB_COLLECTIONS.signups, id, { $set: rest });
          } else await tx.insert(TB_COLLECTIONS.signups, doc);
          return {
            signup: signupView(doc),
            waitingPosition: status === 'waiting' ? activity.waitlist.length + 1 : null,
          };
        });
      } catch (error) {
        if (!(error instanceof StalePlaces)) throw error;
      }
    }
    throw new AppError('CONFLICT', '报名的人较多，名额正在变化，请稍后重试');
  },
});
