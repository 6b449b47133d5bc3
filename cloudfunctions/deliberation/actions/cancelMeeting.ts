import { z } from 'zod';
import { nextMeetingStatus } from '../../_core/domain/deliberation/meetings';
import { DELIBERATION_COLLECTIONS, type MeetingDoc, type RegistrationDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff, notify, writeAudit } from '../lib/access';

export const ZCancelMeetingInputSchema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  reason: z.string().trim().min(2).max(200),
});

export const cancelMeeting = defineAction({
  summary: '取消会议（需说明原因，已报名的居民会收到通知）',
  input: ZCancelMeetingInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const first = await ctx.store.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
    if (!first) throw new AppError('NOT_FOUND', '会议不存在');
    assertStaff(ctx, first.communityId);
    // Registrations are read before the transaction (no queries inside one); anyone registering
    // meanwhile is refused because the transaction below flips the status first.
    const registrations = await ctx.store.find<RegistrationDoc>(
      DELIBERATION_COLLECTIONS.registrations,
      { meetingId: first._id },
      { limit: 1000 },
    );
    await ctx.store.runTransaction(async (tx) => {
      const meeting = await tx.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
      if (!meeting) throw new AppError('NOT_FOUND', '会议不存在');
      const { status } = decided(nextMeetingStatus(meeting.status, 'cancel'));
      const now = ctx.clock.now().toISOString();
      await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, {
        $set: { status, cancelReason: input.reason, checkInCode: null, updatedAt: now },
      });
      for (const registration of registrations) {
        await notify(tx, ctx, {
          userId: registration.userId,
          kind: 'general',
          title: '会议已取消',
          body: `您报名的「${meeting.title}」已取消：${input.reason}`,
          link: `/packages/council/meeting/index?id=${meeting._id}`,
        });
      }
      await writeAudit(tx, ctx, {
        action: 'deliberation.meeting.cancel',
        communityId: meeting.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.meetings, id: meeting._id },
        details: { notified: registrations.length },
      });
    });
    return { meetingId: input.meetingId, status: 'cancelled' as const };
  },
});
