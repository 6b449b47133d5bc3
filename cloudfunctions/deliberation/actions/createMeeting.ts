import { z } from 'zod';
import { AUDIENCES, MEETING_FORMATS } from '../../_core/domain/deliberation/labels';
import { checkMeetingTimes } from '../../_core/domain/deliberation/meetings';
import { DELIBERATION_COLLECTIONS, type MeetingDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { assertStaff, communityOf, writeAudit } from '../lib/access';
import { meetingView } from '../lib/views';

export const ZCreateMeetingInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  format: z.enum(MEETING_FORMATS),
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().max(2000).default(''),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(100),
  agenda: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  audience: z.enum(AUDIENCES).default('all'),
  /** Omit or null for no limit. */
  registrationLimit: z.number().int().min(1).max(10_000).nullable().default(null),
});

/** A draft: staff review it, then publish it (which issues the check-in code). */
export const createMeeting = defineAction({
  summary: '新建会议（草稿）：形式、时间、地点、议程、参会对象、报名上限',
  input: ZCreateMeetingInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertStaff(ctx, communityId);
    const startsAt = new Date(input.startsAt).toISOString();
    const endsAt = new Date(input.endsAt).toISOString();
    decided(checkMeetingTimes(startsAt, endsAt));
    const now = ctx.clock.now().toISOString();
    const meeting: MeetingDoc = {
      _id: ctx.newId(),
      communityId,
      format: input.format,
      title: input.title,
      description: input.description,
      startsAt,
      endsAt,
      place: input.place,
      agenda: input.agenda.map((title, i) => ({ id: `a${i + 1}`, title })),
      audience: input.audience,
      registrationLimit: input.registrationLimit,
      registeredCount: 0,
      checkedInCount: 0,
      status: 'draft',
      checkInCode: null,
      publishedAt: null,
      minutes: null,
      cancelReason: null,
      createdBy: ctx.caller.userId,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.runTransaction(async (tx) => {
      await tx.insert(DELIBERATION_COLLECTIONS.meetings, meeting);
      await writeAudit(tx, ctx, {
        action: 'deliberation.meeting.create',
        communityId,
        target: { collection: DELIBERATION_COLLECTIONS.meetings, id: meeting._id },
        details: { format: meeting.format },
      });
    });
    return meetingView(meeting, { staff: true, registration: null });
  },
});
