import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { DEFAULT_CATEGORIES } from '../../_core/domain/reports/categories';
import { DEFAULT_REPORT_REWARD, REWARDABLE_STATUSES } from '../../_core/domain/reports/reward';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import { issuerAccount, post, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isStaffOf, loadVisibleReport } from '../lib/access';
import { appendEvent, freshIds, notify } from '../lib/changes';

export { DEFAULT_REPORT_REWARD };

export const ZRewardInputSchema = z.strictObject({
  reportId: z.string().min(1).max(64),
  amount: z.number().int().min(1).max(50).default(DEFAULT_REPORT_REWARD),
  note: z.string().trim().max(100).optional(),
});

/**
 * Staff mark a report verified-valuable: green coins go from the community's issuer to the
 * reporter through the shared ledger, once per report (checked and posted in one transaction;
 * the posting id is derived from the report, so even a retried body cannot pay twice).
 */
export const reward = defineAction({
  summary: '举报奖励：核实有价值的上报，给上报人发放绿币（每件一次）',
  input: ZRewardInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['reports', 'greencoin'], writes: true, decides: 'reward' },
  handler: async (input, ctx) => {
    const [messageId, outboxId, auditId] = freshIds(ctx, 3) as [string, string, string];
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const report: ReportDoc = await loadVisibleReport(tx, ctx.caller, input.reportId);
      if (!isStaffOf(ctx.caller, report.communityId)) throw new AppError('FORBIDDEN', '只能奖励本社区的上报');
      // No reward for one's own report, nor for one filed by an account one proxies.
      await assertNotForSelf(tx, ctx.caller, report.reporterUserId, '不能奖励自己（或自己代办的账号）的上报');
      if (report.rewardedAt) throw new AppError('CONFLICT', '这件事项已经发放过奖励');
      if (!REWARDABLE_STATUSES.includes(report.status)) throw new AppError('CONFLICT', '事项受理后才能核实奖励');
      const category = DEFAULT_CATEGORIES.find((c) => c._id === report.category)?.name ?? '随手拍';
      const postingId = `report-reward-${report._id}`;
      await post(tx, {
        id: postingId,
        currency: 'GC',
        from: issuerAccount('GC', report.communityId),
        to: userAccount('GC', report.reporterUserId),
        amount: input.amount,
        reason: `举报奖励：${category}`,
        kind: 'reward',
        category: 'report',
        ref: { collection: REPORT_COLLECTIONS.reports, id: report._id },
        actorUserId: ctx.caller.userId,
        at,
      });
      const seq = report.version + 1;
      await tx.updateById(REPORT_COLLECTIONS.reports, report._id, {
        $set: { rewardedAt: at, version: seq, updatedAt: at },
      });
      await appendEvent(tx, report, seq, {
        at,
        actorUserId: ctx.caller.userId,
        action: 'reward',
        fromStatus: null,
        toStatus: null,
        note: `奖励 ${input.amount} 绿币${input.note ? `：${input.note}` : ''}`,
        photos: [],
      });
      await notify(
        tx,
        { messageId, outboxId },
        {
          userId: report.reporterUserId,
          title: `您的上报获得 ${input.amount} 绿币奖励`,
          body: report.description,
          reportId: report._id,
          at,
        },
      );
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at,
          actorUserId: ctx.caller.userId,
          action: 'reports.reward',
          communityId: report.communityId,
          target: { collection: REPORT_COLLECTIONS.reports, id: report._id },
          details: { amount: input.amount, postingId },
        }),
      );
      return { id: report._id, amount: input.amount, postingId };
    });
  },
});
