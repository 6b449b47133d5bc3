import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  DISPUTE_LABELS,
  type DisputeDoc,
  type SignupDoc,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, staffCommunity, ZId, ZListPage } from '../core';

export const ZDisputeQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(['open', 'resolved']).default('open'),
  ...ZListPage,
});

export const disputeQueue = defineAction({
  summary: '志愿时长申诉列表（社区工作者）',
  input: ZDisputeQueueInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const status = input.status === 'open' ? 'open' : { $in: ['upheld', 'corrected'] };
    const docs = await ctx.store.find<DisputeDoc>(
      TB_COLLECTIONS.disputes,
      { communityId, status },
      {
        orderBy: [
          ['createdAt', input.status === 'open' ? 'asc' : 'desc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const page = docs.slice(0, input.limit);
    const userIds = [...new Set(page.map((d) => d.userId))];
    const [volunteers, users, signups] = page.length
      ? await Promise.all([
          ctx.store.find<VolunteerDoc>(TB_COLLECTIONS.volunteers, { _id: { $in: userIds } }, { limit: 100 }),
          ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: userIds } }, { limit: 100 }),
          ctx.store.find<SignupDoc>(
            TB_COLLECTIONS.signups,
            { _id: { $in: page.map((d) => d.signupId) } },
            { limit: 100 },
          ),
        ])
      : [[], [], []];
    const name = new Map([
      ...users.map((u) => [u._id, u.nickname] as const),
      ...volunteers.map((v) => [v._id, v.realName] as const),
    ]);
    const attendance = new Map(signups.map((s) => [s._id, s]));
    return {
      items: page.map((d) => {
        const s = attendance.get(d.signupId);
        return {
          id: d._id,
          activityId: d.activityId,
          activityTitle: d.activityTitle,
          userId: d.userId,
          name: name.get(d.userId) ?? '',
          reason: d.reason,
          claimedMinutes: d.claimedMinutes,
          minutesAtFiling: d.minutesAtFiling,
          currentMinutes: s?.confirmedMinutes ?? null,
          currentPoints: s?.points ?? null,
          checkInAt: s?.checkInAt ?? null,
          checkOutAt: s?.checkOutAt ?? null,
          status: d.status,
          statusLabel: DISPUTE_LABELS[d.status],
          createdAt: d.createdAt,
          resolvedAt: d.resolvedAt,
          resolutionNote: d.resolutionNote,
          minutesAfter: d.minutesAfter,
        };
      }),
      hasMore: docs.length > input.limit,
    };
  },
});
