import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type MeetingDoc, type RegistrationDoc } from '../../_core/domain/deliberation/model';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff } from '../lib/access';

export const ZAttendanceInputSchema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});

/** Who registered and who checked in; phones masked even for staff (they call through the grid worker). */
export const attendance = defineAction({
  summary: '报名和签到名单（手机号打码）',
  input: ZAttendanceInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const meeting = await ctx.store.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
    if (!meeting) throw new AppError('NOT_FOUND', '会议不存在');
    assertStaff(ctx, meeting.communityId);
    const rows = await ctx.store.find<RegistrationDoc>(
      DELIBERATION_COLLECTIONS.registrations,
      { meetingId: meeting._id },
      { orderBy: [['registeredAt', 'asc']], skip: input.skip, limit: input.limit + 1 },
    );
    const page = rows.slice(0, input.limit);
    const users = page.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: page.map((r) => r.userId) } }, { limit: 100 })
      : [];
    const byId = new Map(users.map((u) => [u._id, u]));
    return {
      registeredCount: meeting.registeredCount,
      checkedInCount: meeting.checkedInCount,
      items: page.map((r) => ({
        id: r._id,
        nickname: byId.get(r.userId)?.nickname ?? '居民',
        phoneMasked: maskPhone(byId.get(r.userId)?.phone),
        registeredAt: r.registeredAt,
        checkedInAt: r.checkedInAt,
      })),
      hasMore: rows.length > input.limit,
    };
  },
});
