import { z } from 'zod';
import { MAX_PERIOD_DAYS } from '../../_core/domain/figures';
import { holdsIn } from '../../_core/domain/roles';
import { readScopeReportFigures } from '../../_core/figures/rollups';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export const ZStatsInputSchema = z.strictObject({ communityId: z.string().min(1).max(64).optional() });

const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/**
 * The community's figures as 12345 judges them, over the reports submitted in the last year (the
 * community's month/day snapshots plus its still-dirty grid-day counters; a bounded read however
 * many reports or grid-days there are). Resolution counts only
 * reports closed with the reporter satisfied; rework (unsatisfied ratings) is counted apart.
 */
export const stats = defineAction({
  summary: '社区事项统计：响应率、解决率、满意率、退回重办',
  input: ZStatsInputSchema,
  roles: ['staff', 'admin', 'sage'],
  access: { scope: ['staff', 'supervisor'], touches: ['figures', 'reports'], writes: false },
  handler: async (input, ctx) => {
    const communityId =
      input.communityId ??
      ctx.caller.grants.find((g) => (g.role === 'staff' || g.role === 'sage') && g.communityId)?.communityId;
    const allowed =
      communityId !== undefined &&
      (holdsIn(ctx.caller, 'staff', communityId) ||
        holdsIn(ctx.caller, 'sage', communityId) ||
        holdsIn(ctx.caller, 'admin', communityId));
    if (!allowed) throw new AppError('FORBIDDEN', '只能查看本社区的统计');
    const now = ctx.clock.now();
    const since = new Date(now.getTime() - (MAX_PERIOD_DAYS - 1) * 86400_000).toISOString();
    // The fold's snapshots plus the still-dirty counters, as admin.figures reads them: a bounded
    // read whatever the number of grid-days (every counter only until the first fold).
    const f = await readScopeReportFigures(
      ctx.store,
      { level: 'community', id: communityId },
      since,
      now.toISOString(),
    );
    const counts = {
      submitted: f.total,
      responded: f.responded,
      respondedOnTime: f.respondedOnTime,
      resolved: f.resolved,
      resolvedOnTime: f.resolvedOnTime,
      closed: f.byStatus.closed ?? 0,
      satisfied: f.satisfied,
      unsatisfied: f.unsatisfied,
      rework: f.rework,
      rejected: f.byStatus.rejected ?? 0,
      recalled: f.byStatus.recalled ?? 0,
      escalated: f.escalated,
    };
    const n = (k: keyof typeof counts) => counts[k];
    const accepted = n('submitted') - n('recalled') - n('rejected');
    return {
      communityId,
      counts: {
        submitted: n('submitted'),
        responded: n('responded'),
        resolved: n('resolved'),
        closed: n('closed'),
        satisfied: n('satisfied'),
        unsatisfied: n('unsatisfied'),
        rework: n('rework'),
        rejected: n('rejected'),
        recalled: n('recalled'),
        escalated: n('escalated'),
      },
      /** Percentages with one decimal; null when there is nothing to measure yet. */
      rates: {
        response: rate(n('respondedOnTime'), n('responded')),
        resolution: rate(n('closed'), accepted),
        satisfaction: rate(n('satisfied'), n('satisfied') + n('unsatisfied')),
        onTimeResolution: rate(n('resolvedOnTime'), n('resolved')),
      },
    };
  },
});
