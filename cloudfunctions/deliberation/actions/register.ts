import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type MeetingDoc, type RegistrationDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertResident } from './access';

export const ZRegisterInputSchema = z.strictObject({ meetingId: z.string().min(1).max(64) });

/**
 * Registration is once per person (the id says so) and the limit is checked against the count in
 * the same transaction, so parallel registrations can never exceed it. Registering again answers
 * the existing registration. Meetings for representatives or party members accept residents as
 * observers (列席): the audience is shown, not enforced, as the app holds no such rosters.
 */
export const register = defineAction({
  summary: '报名参加会议（有名额上限时先到先得）',
  input: ZRegisterInputSchema,
  roles: ['resident'],
  handler: async (input, ctx) => {
    return ctx.store.runTransaction(async (tx) => {
      const meeting = await tx.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
      if (!meeting || meeting.status === 'draft') throw new AppError('NOT_FOUND', '会议不存在');
      assertResident(ctx, meeting.communityId);
      if (meeting.status !== 'published') throw new AppError('CONFLICT', '会议已召开或已取消，不能报名');
      const now = ctx.clock.now().toISOString();
      if (now >= meeting.endsAt) throw new AppError('CONFLICT', '会议已结束，不能报名');
      const id = `${meeting._id}:${ctx.caller.userId}`;
      const existing = await tx.get<RegistrationDoc>(DELIBERATION_COLLECTIONS.registrations, id);
      if (existing) return { registeredAt: existing.registeredAt, checkedInAt: existing.checkedInAt };
      if (meeting.registrationLimit !== null && meeting.registeredCount >= meeting.registrationLimit) {
        throw new AppError('CONFLICT', '报名人数已满');
      }
      const registration: RegistrationDoc = {
        _id: id,
        meetingId: meeting._id,
        userId: ctx.caller.userId,
        communityId: meeting.communityId,
        registeredAt: now,
        checkedInAt: null,
      };
      await tx.insert(DELIBERATION_COLLECTIONS.registrations, registration);
      await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, {
        $inc: { registeredCount: 1 },
        $set: { updatedAt: now },
      });
      return { registeredAt: now, checkedInAt: null };
    });
  },
});
