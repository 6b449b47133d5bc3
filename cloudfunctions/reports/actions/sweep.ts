import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { ESCALATION_LABELS } from '../../_core/domain/reports/sla';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import { holdsIn } from '../../_core/domain/roles';
import { countReportChange } from '../../_core/ledger/reportFigures';
import { defineAction } from '../../_core/runtime/define';
import { appendEvent, freshIds, notify, slaFields } from '../lib/changes';

export const ZSweepInputSchema = z.strictObject({
  /** Reports looked at per call; a scheduler calls again on its next tick. */
  limit: z.number().int().min(1).max(500).default(200),
});

/**
 * Escalates overdue reports one level (grid worker → community → street), each step on the
 * timeline. Called by the CloudBase timer trigger and the local scheduler as the system, and by
 * staff from the workbench. Idempotent: a report is escalated only while its escalateAt has passed.
 */
export const sweep = defineAction({
  summary: '时限巡检：超时事项自动升级（网格员 → 社区 → 街道）',
  input: ZSweepInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'system'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    const due = await ctx.store.find<ReportDoc>(
      REPORT_COLLECTIONS.reports,
      // Bounded on both sides so SQLite's planner picks the index over a primary-key scan.
      { escalateAt: { $gte: '2000-01-01T00:00:00.000Z', $lte: nowIso } },
      { orderBy: [['escalateAt', 'asc']], limit: input.limit },
    );
    const staffByCommunity = new Map<string, string[]>();
    const staffOf = async (communityId: string): Promise<string[]> => {
      const known = staffByCommunity.get(communityId);
      if (known) return known;
      const users = await ctx.store.find<UserDoc>(COLLECTIONS.users, { communityId }, { limit: 1000 });
      const ids = users
        .filter((u) => holdsIn({ userId: u._id, grants: u.grants }, 'staff', communityId))
        .map((u) => u._id);
      staffByCommunity.set(communityId, ids);
      return ids;
    };
    let escalated = 0;
    for (const candidate of due) {
      // Only staff whose grant is in this community are told; they are found before the transaction.
      const staff = candidate.escalation === 0 ? await staffOf(candidate.communityId) : [];
      const ids = freshIds(ctx, 2 * (staff.length + 1));
      const done = await ctx.store.runTransaction(async (tx) => {
        const report = await tx.get<ReportDoc>(REPORT_COLLECTIONS.reports, candidate._id);
        if (!report?.escalateAt || report.escalateAt > nowIso) return false;
        const level = Math.min(2, report.escalation + 1) as 1 | 2;
        const seq = report.version + 1;
        const next: ReportDoc = { ...report, escalation: level, version: seq, updatedAt: nowIso };
        const sla = slaFields(next);
        await tx.updateById(REPORT_COLLECTIONS.reports, report._id, {
          $set: { escalation: level, version: seq, updatedAt: nowIso, ...sla },
        });
        // Escalated (and, while open, overdue) from now on in the report's grid-day counter.
        await countReportChange(tx, report, { ...next, ...sla });
        const stage = report.respondedAt ? '办结' : '响应';
        await appendEvent(tx, report, seq, {
          at: nowIso,
          actorUserId: null,
          action: 'escalate',
          fromStatus: null,
          toStatus: null,
          note: `${stage}已超时，升级至${ESCALATION_LABELS[level]}督办`,
          photos: [],
        });
        const told = [...(level === 1 ? staff : []), ...(report.assigneeUserId ? [report.assigneeUserId] : [])];
        for (const [i, userId] of [...new Set(told)].entries()) {
          await notify(
            tx,
            { messageId: ids[2 * i] as string, outboxId: ids[2 * i + 1] as string },
            {
              userId,
              title: `工单${stage}超时，已升级至${ESCALATION_LABELS[level]}`,
              body: report.description,
              reportId: report._id,
              at: nowIso,
            },
          );
        }
        return true;
      });
      if (done) escalated += 1;
    }
    return { examined: due.length, escalated };
  },
});
