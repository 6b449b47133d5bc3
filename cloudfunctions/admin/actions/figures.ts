import { z } from 'zod';
import { OUTCOME_CATEGORIES } from '../../_core/domain/deliberation/labels';
import { OUTCOME_KEYS } from '../../_core/domain/deliberation/model';
import { FIGURE_SCOPES, monthsBetween, periodProblem, rate } from '../../_core/domain/figures';
import { DEFAULT_CATEGORIES } from '../../_core/domain/reports/categories';
import { categoryField } from '../../_core/domain/reports/figures';
import {
  type CategoryDoc,
  REPORT_COLLECTIONS,
  REPORT_STATUSES,
  type ReportStatus,
} from '../../_core/domain/reports/types';
import { readCouncilFigures, readOpinionFigures } from '../../_core/figures/counters';
import { type RollupScope, readScopeReportFigures } from '../../_core/figures/rollups';
import { readGreencoinStats } from '../../_core/ledger/gcstats';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { safetyFigures } from '../lib/safety';
import { type ResolvedScope, resolveScope } from '../lib/scope';
import { volunteerFigures } from '../lib/volunteers';

const ZIso = z.string().min(10).max(40);

export const ZFiguresInputSchema = z.strictObject({
  scope: z.enum(FIGURE_SCOPES),
  /** Grid, community or street id; ignored for the city. */
  id: z.string().min(1).max(64),
  from: ZIso,
  to: ZIso,
});

/**
 * Figures of a grid, community, street or the city for a period [from, to).
 *
 * Reports are the ones submitted in the period (whole China days), summed from the per (grid, day)
 * counters the report changes maintain (report_figures), rates on time and satisfaction included:
 * the cost does not grow with the number of reports; every scope reads the fold's (holder,
 * month/day) snapshots plus its counters changed since (figures/rollups.ts). Green coins come from greencoin's monthly counters
 * (gc_stats, whole months touched by the period); council figures from per (community, day,
 * shard) counters of held meetings and per (community, shard) opinion counters. Green coins and council figures exist per community only,
 * so a grid scope shows its community's; so do
 * the time bank's volunteer figures, which are cumulative. 平安细胞 counts are current (yearly titles).
 */
export const figures = defineAction({
  summary: '网格、社区、街道、全市的统计数据（事项、绿币、议事、监督意见）',
  input: ZFiguresInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['figures'], writes: false },
  handler: async (input, ctx) => {
    const problem = periodProblem(input.from, input.to);
    if (problem) throw new AppError('INVALID_INPUT', problem);
    const from = new Date(input.from).toISOString();
    const to = new Date(input.to).toISOString();
    const s = await resolveScope(ctx, input.scope, input.id);
    // Green coins: whole months touched by the period.
    const months = monthsBetween(from, to);
    const gcMonths = [
      ...(await readGreencoinStats(ctx.store, s.scope === 'city' ? undefined : s.communityIds, months)).values(),
    ];
    const gc = (k: 'issued' | 'deducted' | 'redeemed' | 'refunded' | 'awards' | 'redemptions') =>
      gcMonths.reduce((a, d) => a + (d[k] ?? 0), 0);

    // Council: meetings held in the period (per community-day counters), opinions as they stand now.
    const communities = s.scope === 'city' ? undefined : s.communityIds;
    const [council, opinions] = await Promise.all([
      readCouncilFigures(ctx.store, communities, from, to),
      readOpinionFigures(ctx.store, communities),
    ]);
    const outcomes = Object.fromEntries(
      OUTCOME_CATEGORIES.map((c) => [c, council.outcomes[OUTCOME_KEYS[c]] ?? 0]),
    ) as Record<string, number>;

    return {
      scope: { scope: s.scope, id: s.id, name: s.name, communityIds: s.communityIds },
      period: { from, to, months },
      reports: await reportSection(ctx, s, from, to),
      greencoin: {
        issued: gc('issued'),
        deducted: gc('deducted'),
        redeemed: gc('redeemed'),
        refunded: gc('refunded'),
        awards: gc('awards'),
        /** Items redeemed (approved redemptions). */
        redemptions: gc('redemptions'),
      },
      council: {
        meetingsHeld: council.meetingsHeld,
        /** Kept for the dashboard's contract: counters are never cut short. */
        truncated: false,
        attendees: council.attendees,
        outcomes,
        opinions,
      },
      /** Time bank, cumulative per community (a grid shows its community's). */
      volunteers: await volunteerFigures(ctx, s.scope === 'city' ? undefined : s.communityIds, s.communityIds),
      /** 平安细胞 as they stand now (a grid scope counts the units in that grid). */
      safety: await safetyFigures(ctx, s),
    };
  },
});

/** The snapshots' holder of a resolved scope. */
const rollupScope = (s: ResolvedScope): RollupScope =>
  s.scope === 'grid'
    ? { level: 'grid', id: s.gridId ?? s.id }
    : s.scope === 'community'
      ? { level: 'community', id: s.id }
      : s.scope === 'street'
        ? { level: 'street', id: s.id, communityIds: s.communityIds }
        : { level: 'city' };

/** The report part of the answer: counts, rates and timeliness of the scope's reports in [from, to). */
async function reportSection(ctx: ActionContext, s: ResolvedScope, from: string, to: string) {
  // Reports: every scope — grid, community, street, city — from the fold's (holder, month/day)
  // snapshots plus the scope's still-dirty counters, a bounded number of indexed reads whatever the
  // number of reports, grids or days (issue 19). Until the snapshots hold the scope's level (no
  // fold finished yet, or folded by an older fold before admin.figures.rebuild), every counter.
  const f = await readScopeReportFigures(ctx.store, rollupScope(s), from, to);

  // Categories: the published ones plus a single community's own.
  const custom =
    s.communityIds.length === 1
      ? await ctx.store.find<CategoryDoc>(
          REPORT_COLLECTIONS.categories,
          { communityId: s.communityIds[0] },
          { limit: 100 },
        )
      : [];
  const categories = [...DEFAULT_CATEGORIES, ...custom].map((c) => ({ id: c._id, name: c.name }));

  const byStatus = Object.fromEntries(REPORT_STATUSES.map((st) => [st, f.byStatus[st] ?? 0])) as Record<
    ReportStatus,
    number
  >;
  const total = f.total;
  const byCategory = categories.map((c) => ({ ...c, count: f.byCategory[categoryField(c.id)] ?? 0 }));
  const uncategorised = total - byCategory.reduce((a, c) => a + c.count, 0);
  if (uncategorised > 0) byCategory.push({ id: 'unknown', name: '其他分类', count: uncategorised });
  const overdue = f.overdue;

  // Waiting = nobody has taken it up yet; everything else got an answer (accepted, or rejected).
  const waiting = byStatus.submitted + byStatus.dispatched;
  const considered = total - byStatus.recalled;
  const accepted = total - byStatus.recalled - byStatus.rejected;
  return {
    /** The counters of the scope and period were more than one request reads (see readReportFigures). */
    truncated: f.truncated,
    /**
     * How fresh: exact as of `asOf` (snapshots of folded days plus what changed since are both
     * read); `foldedThrough` is the last day the daily fold has folded, null when not in use.
     */
    freshness: {
      asOf: ctx.clock.now().toISOString(),
      /** What the dashboard shows: the figures are exact as of the moment of the call (China time). */
      label: `截至 ${new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`,
      source: f.source,
      foldedThrough: f.foldedThrough,
    },
    total,
    byStatus,
    byCategory,
    overdue,
    rates: {
      /** Share of reports someone took up (accepted or rejected with a reason). */
      response: rate(considered - waiting, considered),
      /** Closed with the reporter satisfied, of those accepted (12345's resolution rate). */
      resolution: rate(byStatus.closed, accepted),
    },
    /** Timeliness and satisfaction of the period's reports (every scope, grids included). */
    quality: {
      responseOnTime: rate(f.respondedOnTime, f.responded),
      resolutionOnTime: rate(f.resolvedOnTime, f.resolved),
      satisfaction: rate(f.satisfied, f.satisfied + f.unsatisfied),
      rework: f.rework,
      escalated: f.escalated,
    },
  };
}
