import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  CONFIRM_TOLERANCE_MINUTES,
  creditCap,
  measuredMinutes,
  type SignupDoc,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { canManage, ZId } from '../core';
import { signupView } from '../lib/activities';
import { organisedActivity } from '../lib/attendance';

export const ZAttendanceListInputSchema = z.strictObject({
  activityId: ZId,
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});

export const attendanceList = defineAction({
  summary: '活动签到名单（组织者确认时长用）',
  input: ZAttendanceListInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const activity = await organisedActivity(ctx.store, ctx, input.activityId);
    // Sign-ups and the waiting list (which has no cap) a page at a time, in sign-up order.
    const rows = await ctx.store.find<SignupDoc>(
      TB_COLLECTIONS.signups,
      { activityId: activity._id, status: { $ne: 'cancelled' } },
      { orderBy: [['createdAt', 'asc']], skip: input.skip, limit: input.limit + 1 },
    );
    const active = rows.slice(0, input.limit);
    const userIds = active.map((s) => s.userId);
    const [users, volunteers] = userIds.length
      ? await Promise.all([
          ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: userIds } }, { limit: input.limit }),
          ctx.store.find<VolunteerDoc>(TB_COLLECTIONS.volunteers, { _id: { $in: userIds } }, { limit: input.limit }),
        ])
      : [[], []];
    const nick = new Map(users.map((u) => [u._id, u.nickname]));
    const real = new Map(volunteers.map((v) => [v._id, v.realName]));
    const cap = creditCap(activity);
    const now = ctx.clock.now();
    return {
      activityId: activity._id,
      creditMinutes: activity.creditMinutes,
      capMinutes: cap,
      toleranceMinutes: CONFIRM_TOLERANCE_MINUTES,
      ended: now.getTime() >= Date.parse(activity.endsAt),
      canTypeMinutes: canManage(ctx.caller, activity.communityId),
      items: active.map((s) => {
        const view = signupView(s);
        const measured = s.checkInAt && s.checkOutAt ? measuredMinutes(s.checkInAt, s.checkOutAt, cap) : null;
        return {
          ...(view as NonNullable<typeof view>),
          userId: s.userId,
          name: real.get(s.userId) ?? nick.get(s.userId) ?? '',
          measuredMinutes: measured,
          // What the confirmation screen fills in: the measurement, or 0 for no check-in/out.
          proposedMinutes: measured ?? 0,
          isSelf: s.userId === ctx.caller.userId,
        };
      }),
      hasMore: rows.length > input.limit,
    };
  },
});
