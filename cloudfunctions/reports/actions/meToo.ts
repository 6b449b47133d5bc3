import { z } from 'zod';
import { OPEN_STATUSES, REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadVisibleReport, relationsOf } from '../lib/access';
import { appendEvent, type FollowerDoc } from '../lib/changes';

export const ZMeTooInputSchema = z.strictObject({ reportId: z.string().min(1).max(64) });

/** "I see it too": follows an open report instead of filing a duplicate; once per person. */
export const meToo = defineAction({
  summary: '我也遇到：关注已有的相同事项，代替重复上报',
  input: ZMeTooInputSchema,
  roles: ['resident'],
  access: { scope: ['member'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const nowIso = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const report: ReportDoc = await loadVisibleReport(tx, ctx.caller, input.reportId);
      if (report.reporterUserId === ctx.caller.userId) throw new AppError('CONFLICT', '这是您自己上报的事项');
      const relations = relationsOf(ctx.caller, report);
      if (relations.has('handler') || relations.has('staff')) {
        throw new AppError('FORBIDDEN', '您正在办理这件事项，无需再反映');
      }
      if (!OPEN_STATUSES.includes(report.status)) throw new AppError('CONFLICT', '该事项已办结，请重新上报');
      const followerId = `${report._id}:${ctx.caller.userId}`;
      if (await tx.get(REPORT_COLLECTIONS.followers, followerId)) {
        return { id: report._id, meTooCount: report.meTooCount, already: true };
      }
      await tx.insert<FollowerDoc>(REPORT_COLLECTIONS.followers, {
        _id: followerId,
        reportId: report._id,
        userId: ctx.caller.userId,
        at: nowIso,
      });
      const seq = report.version + 1;
      await tx.updateById(REPORT_COLLECTIONS.reports, report._id, {
        $inc: { meTooCount: 1 },
        $set: { version: seq, updatedAt: nowIso },
      });
      // The follower stays unnamed on the timeline: residents see each other's reports.
      await appendEvent(tx, report, seq, {
        at: nowIso,
        actorUserId: null,
        action: 'metoo',
        fromStatus: null,
        toStatus: null,
        note: '又有一位居民反映了同样的问题',
        photos: [],
      });
      return { id: report._id, meTooCount: report.meTooCount + 1, already: false };
    });
  },
});
