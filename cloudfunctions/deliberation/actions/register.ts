import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type MeetingDoc, type RegistrationDoc } from '../../_core/domain/deliberation/model';
import { holdsIn } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { actAsPrincipal, recordProxyAction } from '../../_core/runtime/proxy';
import { notify, writeAudit } from '../lib/access';

export const ZRegisterInputSchema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  /**
   * 代办: register a resident who granted the caller the `meetings` scope (identity `proxy.grant`).
   * The registration is theirs (they check in themselves); the helper's act is logged for them.
   */
  onBehalfOfUserId: z.string().min(1).max(64).optional(),
});

/**
 * Registration is once per person (the id says so) and the limit is checked against the count in
 * the same transaction, so parallel registrations can never exceed it. Registering again answers
 * the existing registration. Meetings for representatives or party members accept residents as
 * observers (列席): the audience is shown, not enforced, as the app holds no such rosters.
 */
export const register = defineAction({
  summary: '报名参加会议（有名额上限时先到先得；受居民授权可代为报名）',
  input: ZRegisterInputSchema,
  // Grid workers and staff may be a resident's helper (代办) even where they are not residents.
  roles: ['resident', 'gridworker', 'staff'],
  access: { scope: ['self'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const proxied = input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== ctx.caller.userId;
    const proxyActionId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      // Read in the transaction: a revocation that landed first is honoured.
      const person = proxied
        ? await actAsPrincipal(tx, ctx.caller, input.onBehalfOfUserId as string, 'meetings')
        : ctx.caller;
      const meeting = await tx.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
      if (!meeting || meeting.status === 'draft') throw new AppError('NOT_FOUND', '会议不存在');
      if (!holdsIn(person, 'resident', meeting.communityId)) {
        throw new AppError('FORBIDDEN', '只有本社区居民可以参与');
      }
      if (meeting.status !== 'published') throw new AppError('CONFLICT', '会议已召开或已取消，不能报名');
      const now = ctx.clock.now().toISOString();
      if (now >= meeting.endsAt) throw new AppError('CONFLICT', '会议已结束，不能报名');
      const id = `${meeting._id}:${person.userId}`;
      const existing = await tx.get<RegistrationDoc>(DELIBERATION_COLLECTIONS.registrations, id);
      if (existing) return { registeredAt: existing.registeredAt, checkedInAt: existing.checkedInAt };
      if (meeting.registrationLimit !== null && meeting.registeredCount >= meeting.registrationLimit) {
        throw new AppError('CONFLICT', '报名人数已满');
      }
      const registration: RegistrationDoc = {
        _id: id,
        meetingId: meeting._id,
        userId: person.userId,
        communityId: meeting.communityId,
        registeredAt: now,
        checkedInAt: null,
        ...(proxied ? { registeredByUserId: ctx.caller.userId } : {}),
      };
      await tx.insert(DELIBERATION_COLLECTIONS.registrations, registration);
      await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, {
        $inc: { registeredCount: 1 },
        $set: { updatedAt: now },
      });
      if (proxied) {
        await recordProxyAction(tx, {
          _id: proxyActionId,
          principalUserId: person.userId,
          agentUserId: ctx.caller.userId,
          scope: 'meetings',
          action: 'deliberation.meeting.register',
          target: { collection: DELIBERATION_COLLECTIONS.meetings, id: meeting._id },
          summary: `代您报名：${meeting.title}`,
          at: now,
        });
        await writeAudit(tx, ctx, {
          action: 'deliberation.meeting.register.proxy',
          communityId: meeting.communityId,
          target: { collection: DELIBERATION_COLLECTIONS.registrations, id },
          details: { onBehalfOf: person.userId },
        });
        await notify(tx, ctx, {
          userId: person.userId,
          kind: 'general',
          title: '代办人已为您报名会议',
          body: `「${meeting.title}」，请按时到场，在现场输入签到码签到。`,
          link: `/packages/council/meeting/index?id=${meeting._id}`,
        });
      }
      return { registeredAt: now, checkedInAt: null };
    });
  },
});
