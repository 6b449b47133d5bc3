import { z } from 'zod';
import {
  DELIBERATION_COLLECTIONS,
  type MeetingDoc,
  type NoticeReadDoc,
  type RegistrationDoc,
} from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { StoreError } from '../../_core/store/docstore';
import { assertReader, isStaff, oversees } from '../lib/access';
import { meetingView } from '../lib/views';

export const ZGetMeetingInputSchema = z.strictObject({ meetingId: z.string().min(1).max(64) });

/** Opening a notice marks it read for this person. */
export const getMeeting = defineAction({
  summary: '会议详情：议程、报名与签到状态、纪要和议定结果（打开即标记已读）',
  input: ZGetMeetingInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const meeting = await ctx.store.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
    if (!meeting) throw new AppError('NOT_FOUND', '会议不存在');
    assertReader(ctx, meeting.communityId);
    if (meeting.status === 'draft' && !oversees(ctx, meeting.communityId))
      throw new AppError('NOT_FOUND', '会议不存在');
    const registration = await ctx.store.get<RegistrationDoc>(
      DELIBERATION_COLLECTIONS.registrations,
      `${meeting._id}:${ctx.caller.userId}`,
    );
    if (meeting.status !== 'draft') {
      const read: NoticeReadDoc = {
        _id: `${ctx.caller.userId}:${meeting._id}`,
        userId: ctx.caller.userId,
        meetingId: meeting._id,
        communityId: meeting.communityId,
        readAt: ctx.clock.now().toISOString(),
      };
      await ctx.store.insert(DELIBERATION_COLLECTIONS.noticeReads, read).catch((error: unknown) => {
        if (!(error instanceof StoreError && error.code === 'DUPLICATE_KEY')) throw error;
      });
    }
    return meetingView(meeting, { staff: isStaff(ctx, meeting.communityId), registration });
  },
});
