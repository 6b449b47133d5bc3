import { z } from 'zod';
import {
  type ActivityDoc,
  DISPUTE_LABELS,
  type DisputeDoc,
  MAX_DISPUTES,
  type SignupDoc,
  signupId,
  TB_COLLECTIONS,
} from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ZId } from '../core';
import { ZMinutes } from '../lib/corrections';

export const ZDisputeOpenInputSchema = z.strictObject({
  activityId: ZId,
  reason: z.string().trim().min(4).max(300),
  claimedMinutes: ZMinutes.optional(),
});

export const disputeOpen = defineAction({
  summary: '对已确认的志愿时长提出申诉（交社区工作者处理）',
  input: ZDisputeOpenInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const disputeId = ctx.newId();
    const id = signupId(input.activityId, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
      if (!signup || signup.status === 'cancelled') throw new AppError('NOT_FOUND', '您没有参加该活动');
      if (!signup.confirmedAt || signup.confirmedMinutes === null) {
        throw new AppError('CONFLICT', '时长确认后才能申诉');
      }
      // One open dispute per attendance: checked and set on the attendance itself, in this transaction.
      if (signup.dispute?.status === 'open') throw new AppError('CONFLICT', '该次服务已有处理中的申诉');
      if ((signup.disputeCount ?? 0) >= MAX_DISPUTES) {
        throw new AppError('CONFLICT', `每次服务最多申诉 ${MAX_DISPUTES} 次`);
      }
      const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, signup.activityId);
      if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
      const doc: DisputeDoc = {
        _id: disputeId,
        signupId: id,
        activityId: activity._id,
        activityTitle: activity.title,
        communityId: activity.communityId,
        userId: signup.userId,
        reason: input.reason,
        claimedMinutes: input.claimedMinutes ?? null,
        minutesAtFiling: signup.confirmedMinutes,
        status: 'open',
        createdAt: at,
        resolvedAt: null,
        resolvedBy: null,
        resolutionNote: null,
        minutesAfter: null,
      };
      await tx.insert(TB_COLLECTIONS.disputes, doc);
      const summary = { id: disputeId, status: 'open' as const, reason: input.reason, note: null };
      await tx.updateById(TB_COLLECTIONS.signups, id, {
        $set: { dispute: summary, disputeCount: (signup.disputeCount ?? 0) + 1, updatedAt: at },
      });
      return { id: disputeId, status: doc.status, statusLabel: DISPUTE_LABELS.open };
    });
  },
});
