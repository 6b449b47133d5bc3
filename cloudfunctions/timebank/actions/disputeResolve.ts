import { z } from 'zod';
import {
  DISPUTE_LABELS,
  type DisputeDoc,
  type DisputeStatus,
  type SignupDoc,
  TB_COLLECTIONS,
} from '../../_core/domain/timebank';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { canManage, notify, STAFF, writeAudit, ZId } from '../core';
import { applyCorrection, signed, ZMinutes } from '../lib/corrections';

export const ZDisputeResolveInputSchema = z.strictObject({
  disputeId: ZId,
  /** uphold: the confirmed minutes stand; correct: they become `minutes` (the correction path). */
  decision: z.enum(['uphold', 'correct']),
  minutes: ZMinutes.optional(),
  note: z.string().trim().min(2).max(300),
});

export const disputeResolve = defineAction({
  summary: '处理志愿时长申诉：维持或更正（社区工作者，结果告知志愿者）',
  input: ZDisputeResolveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true, decides: 'confirm' },
  handler: async (input, ctx) => {
    if (input.decision === 'correct' && input.minutes === undefined) {
      throw new AppError('INVALID_INPUT', '请填写更正后的时长（分钟）');
    }
    const at = ctx.clock.now().toISOString();
    const ids = { messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
    return ctx.store.runTransaction(async (tx) => {
      const dispute = await tx.get<DisputeDoc>(TB_COLLECTIONS.disputes, input.disputeId);
      if (!dispute || !canManage(ctx.caller, dispute.communityId)) throw new AppError('NOT_FOUND', '申诉不存在');
      await assertNotForSelf(tx, ctx.caller, dispute.userId, '不能处理自己（或自己代办的账号）的申诉');
      // Exactly once: the open → resolved transition is checked inside this transaction.
      if (dispute.status !== 'open') throw new AppError('CONFLICT', '该申诉已处理');
      let status: DisputeStatus = 'upheld';
      let minutesAfter = dispute.minutesAtFiling;
      let body = `您对「${dispute.activityTitle}」志愿时长的申诉已处理：维持 ${dispute.minutesAtFiling} 分钟。说明：${input.note}`;
      let details: Record<string, number | string> = { decision: input.decision };
      if (input.decision === 'correct') {
        const c = await applyCorrection(tx, ctx, {
          signupId: dispute.signupId,
          minutes: input.minutes as number,
          reason: `申诉处理：${input.note}`,
          at,
        });
        status = 'corrected';
        minutesAfter = c.toMinutes;
        body = `您对「${dispute.activityTitle}」志愿时长的申诉已处理：由 ${c.fromMinutes} 分钟更正为 ${c.toMinutes} 分钟，时间积分 ${signed(c.pointsDelta)}。说明：${input.note}`;
        details = { ...details, fromMinutes: c.fromMinutes, toMinutes: c.toMinutes, pointsDelta: c.pointsDelta };
      } else {
        const s = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, dispute.signupId);
        minutesAfter = s?.confirmedMinutes ?? dispute.minutesAtFiling;
        body = `您对「${dispute.activityTitle}」志愿时长的申诉已处理：维持 ${minutesAfter} 分钟。说明：${input.note}`;
      }
      const resolved = {
        status,
        resolvedAt: at,
        resolvedBy: ctx.caller.userId,
        resolutionNote: input.note,
        minutesAfter,
      };
      await tx.updateById(TB_COLLECTIONS.disputes, dispute._id, { $set: resolved });
      await tx.updateById(TB_COLLECTIONS.signups, dispute.signupId, {
        $set: { dispute: { id: dispute._id, status, reason: dispute.reason, note: input.note }, updatedAt: at },
      });
      await notify(tx, {
        messageId: ids.messageId,
        outboxId: ids.outboxId,
        userId: dispute.userId,
        kind: 'general',
        title: '志愿时长申诉结果',
        body,
        link: `/packages/volunteer/activity/index?id=${dispute.activityId}`,
        at,
      });
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'dispute.resolve',
        communityId: dispute.communityId,
        target: { collection: TB_COLLECTIONS.disputes, id: dispute._id },
        details,
      });
      return { id: dispute._id, status, statusLabel: DISPUTE_LABELS[status], minutesAfter };
    });
  },
});
