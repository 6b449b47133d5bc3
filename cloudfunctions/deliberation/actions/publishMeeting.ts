import { z } from 'zod';
import { checkInCodeFrom, nextMeetingStatus } from '../../_core/domain/deliberation/meetings';
import { DELIBERATION_COLLECTIONS, type MeetingDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff, writeAudit } from '../lib/access';
import { meetingView } from '../lib/views';

export const ZPublishMeetingInputSchema = z.strictObject({ meetingId: z.string().min(1).max(64) });

export const publishMeeting = defineAction({
  summary: '发布会议公告（生成签到码），居民首页可见',
  input: ZPublishMeetingInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const code = checkInCodeFrom(ctx.newId());
    const published = await ctx.store.runTransaction(async (tx) => {
      const meeting = await tx.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
      if (!meeting) throw new AppError('NOT_FOUND', '会议不存在');
      assertStaff(ctx, meeting.communityId);
      const { status } = decided(nextMeetingStatus(meeting.status, 'publish'));
      if (Date.parse(meeting.endsAt) <= ctx.clock.now().getTime()) {
        throw new AppError('CONFLICT', '会议结束时间已过，不能发布');
      }
      const now = ctx.clock.now().toISOString();
      const set = { status, checkInCode: code, publishedAt: now, updatedAt: now };
      await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, { $set: set });
      await writeAudit(tx, ctx, {
        action: 'deliberation.meeting.publish',
        communityId: meeting.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.meetings, id: meeting._id },
      });
      return { ...meeting, ...set };
    });
    return meetingView(published, { staff: true, registration: null });
  },
});
