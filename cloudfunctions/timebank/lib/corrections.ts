/**
 * After confirmation: corrections of confirmed minutes and volunteers' disputes about them.
 *
 * A correction never edits a posted entry: it posts one adjusting posting for the difference in
 * points (`tb-<signupId>-c<n>`, issuer → volunteer when minutes go up, volunteer → issuer when they
 * go down, the latter marked as reversing the original credit). Time points never go negative: a
 * correction that would take back more points than the volunteer still has available (spent or
 * held for a service) is REFUSED with INSUFFICIENT_FUNDS and nothing changes; staff settle it with
 * the volunteer first (e.g. the pending service request is cancelled), then correct again.
 */
import { z } from 'zod';
import {
  type ActivityDoc,
  pointsFor,
  type SignupDoc,
  starLevel,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { checkCorrection, checkTakeBack } from '../../_core/domain/timebank/attendance';
import { countVolunteerChange } from '../../_core/figures/counters';
import { balanceOf, issuerAccount, postLegs, transferLegs, userAccount } from '../../_core/ledger';
import type { ActionContext } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { ruleOf } from '../core';

export const ZMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export interface Correction {
  signup: SignupDoc;
  activity: ActivityDoc;
  fromMinutes: number;
  toMinutes: number;
  pointsDelta: number;
  points: number;
  totalMinutes: number;
  stars: number;
}

/** Applies a correction inside the caller's transaction; the caller tells the volunteer and audits. */
export async function applyCorrection(
  tx: TxStore,
  ctx: ActionContext,
  input: { signupId: string; minutes: number; reason: string; at: string },
): Promise<Correction> {
  const found = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, input.signupId);
  const foundActivity = found ? await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, found.activityId) : null;
  const { signup, activity, fromMinutes } = decided(checkCorrection(found, foundActivity, input.minutes));
  const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, signup.userId);
  if (!volunteer) throw new AppError('NOT_FOUND', '志愿者不存在');
  const rule = await ruleOf(tx, activity.communityId);
  const points = pointsFor(input.minutes, rule.minutesPerPoint);
  const pointsDelta = points - (signup.points ?? 0);
  const revision = (signup.corrections ?? 0) + 1;
  if (pointsDelta !== 0) {
    const issuer = issuerAccount('TP', activity.communityId);
    const user = userAccount('TP', signup.userId);
    if (pointsDelta < 0) decided(checkTakeBack(pointsDelta, (await balanceOf(tx, user)).available));
    await postLegs(tx, {
      id: `tb-${signup._id}-c${revision}`,
      currency: 'TP',
      legs: pointsDelta > 0 ? transferLegs(issuer, user, pointsDelta) : transferLegs(user, issuer, -pointsDelta),
      reason: `更正志愿时长「${activity.title}」${fromMinutes} → ${input.minutes} 分钟：${input.reason}`,
      kind: 'correction',
      category: 'timebank',
      ref: { collection: TB_COLLECTIONS.signups, id: signup._id },
      actorUserId: ctx.caller.userId,
      reverses: pointsDelta < 0 ? signup.postingId : null,
      at: input.at,
    });
  }
  const totalMinutes = volunteer.confirmedMinutes + input.minutes - fromMinutes;
  await tx.updateById(TB_COLLECTIONS.signups, signup._id, {
    $set: { confirmedMinutes: input.minutes, points, corrections: revision, updatedAt: input.at },
  });
  await tx.updateById(TB_COLLECTIONS.volunteers, volunteer._id, {
    $set: { confirmedMinutes: totalMinutes, updatedAt: input.at },
  });
  await countVolunteerChange(tx, volunteer, { ...volunteer, confirmedMinutes: totalMinutes });
  return {
    signup: { ...signup, confirmedMinutes: input.minutes, points, corrections: revision, updatedAt: input.at },
    activity,
    fromMinutes,
    toMinutes: input.minutes,
    pointsDelta,
    points,
    totalMinutes,
    stars: starLevel(totalMinutes, rule.starHours).stars,
  };
}

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
