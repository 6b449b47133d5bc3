import { z } from 'zod';
import { checkInWindow } from '../../_core/domain/deliberation/meetings';
import {
  type CheckInAttemptsDoc,
  DELIBERATION_COLLECTIONS,
  type MeetingDoc,
  type RegistrationDoc,
} from '../../_core/domain/deliberation/model';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError, WrongCodeError } from '../../_core/runtime/errors';
import { guessOnce } from '../../_core/runtime/guesses';
import { StoreError } from '../../_core/store/docstore';
import { assertResident } from '../lib/access';

export const ZCheckInInputSchema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  code: z.string().regex(/^\d{6}$/, '签到码为 6 位数字'),
});

/** Wrong codes a person may enter per meeting: six digits cannot be guessed in five tries. */
export const MAX_WRONG_CODES = 5;

const WRONG_CODE = '签到码不正确';

/**
 * Check-in with the code staff show at the meeting, from an hour before the start until the end.
 * A meeting with a registration limit admits registered people only; one without a limit
 * registers walk-ins as they check in. Checking in twice answers the first check-in.
 */
export const checkIn = defineAction({
  summary: '凭现场签到码签到（会议开始前 1 小时至会议结束）',
  input: ZCheckInInputSchema,
  roles: ['resident'],
  access: { scope: ['self'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const attemptsId = `${input.meetingId}:${ctx.caller.userId}`;
    // An unknown meeting is answered before any guess is counted (no attempts record for it).
    const meeting = await ctx.store.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
    if (!meeting || meeting.status === 'draft') throw new AppError('NOT_FOUND', '会议不存在');
    // The guess is counted before the code is compared (guesses.ts: parallel requests cannot all
    // slip under the cap); a wrong code keeps its count.
    return guessOnce(
      {
        reserve: () => reserveGuess(ctx, attemptsId),
        release: () =>
          ctx.store.updateById(DELIBERATION_COLLECTIONS.checkInAttempts, attemptsId, { $inc: { wrong: -1 } }),
      },
      (mayCompare) => {
        if (!mayCompare) throw new AppError('RATE_LIMITED', '签到码错误次数过多，请找现场工作人员签到');
        return checkInOnce(input, ctx);
      },
    );
  },
});

/** Takes one of the person's MAX_WRONG_CODES guesses for this meeting; false when none is left. */
async function reserveGuess(ctx: ActionContext, attemptsId: string): Promise<boolean> {
  const lastAt = ctx.clock.now().toISOString();
  try {
    await ctx.store.insert<CheckInAttemptsDoc>(DELIBERATION_COLLECTIONS.checkInAttempts, {
      _id: attemptsId,
      wrong: 1,
      lastAt,
    });
    return true;
  } catch (error) {
    if (!(error instanceof StoreError && error.code === 'DUPLICATE_KEY')) throw error;
  }
  const taken = await ctx.store.updateWhere(
    DELIBERATION_COLLECTIONS.checkInAttempts,
    { _id: attemptsId, wrong: { $lt: MAX_WRONG_CODES } },
    { $inc: { wrong: 1 }, $set: { lastAt } },
  );
  return taken > 0;
}

async function checkInOnce(input: z.infer<typeof ZCheckInInputSchema>, ctx: ActionContext) {
  return ctx.store.runTransaction(async (tx) => {
    const meeting = await tx.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
    if (!meeting || meeting.status === 'draft') throw new AppError('NOT_FOUND', '会议不存在');
    assertResident(ctx, meeting.communityId);
    if (meeting.status !== 'published') throw new AppError('CONFLICT', '会议已结束签到或已取消');
    const now = ctx.clock.now().toISOString();
    const window = checkInWindow(meeting);
    if (now < window.opensAt) throw new AppError('CONFLICT', '签到尚未开始（会议开始前 1 小时开放）');
    if (now >= window.closesAt) throw new AppError('CONFLICT', '会议已结束，签到码已失效');
    if (input.code !== meeting.checkInCode) throw new WrongCodeError(WRONG_CODE);
    const id = `${meeting._id}:${ctx.caller.userId}`;
    const registration = await tx.get<RegistrationDoc>(DELIBERATION_COLLECTIONS.registrations, id);
    if (registration?.checkedInAt) {
      return { registeredAt: registration.registeredAt, checkedInAt: registration.checkedInAt };
    }
    if (registration) {
      await tx.updateById(DELIBERATION_COLLECTIONS.registrations, id, { $set: { checkedInAt: now } });
      await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, {
        $inc: { checkedInCount: 1 },
        $set: { updatedAt: now },
      });
      return { registeredAt: registration.registeredAt, checkedInAt: now };
    }
    if (meeting.registrationLimit !== null) throw new AppError('CONFLICT', '本次会议需提前报名，您尚未报名');
    await tx.insert<RegistrationDoc>(DELIBERATION_COLLECTIONS.registrations, {
      _id: id,
      meetingId: meeting._id,
      userId: ctx.caller.userId,
      communityId: meeting.communityId,
      registeredAt: now,
      checkedInAt: now,
    });
    await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, {
      $inc: { registeredCount: 1, checkedInCount: 1 },
      $set: { updatedAt: now },
    });
    return { registeredAt: now, checkedInAt: now };
  });
}
