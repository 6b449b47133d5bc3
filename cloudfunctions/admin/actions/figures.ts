import { z } from 'zod';
import { OUTCOME_CATEGORIES } from '../../_core/domain/deliberation/labels';
import { DELIBERATION_COLLECTIONS, type MeetingDoc } from '../../_core/domain/deliberation/model';
import { FIGURE_SCOPES, monthsBetween, periodProblem, rate } from '../../_core/domain/figures';
import { GC_COLLECTIONS, type StatsDoc as GcStatsDoc, statsId } from '../../_core/domain/greencoin';
import { DEFAULT_CATEGORIES } from '../../_core/domain/reports/categories';
import {
  type CategoryDoc,
  OPEN_STATUSES,
  REPORT_COLLECTIONS,
  REPORT_STATUSES,
  type StatsDoc as ReportStatsDoc,
  type ReportStatus,
} from '../../_core/domain/reports/types';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { Filter } from '../../_core/store/docstore';
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

/** Meetings read per request; a scope holding more held meetings in one period says so (truncated). */
const MAX_MEETINGS = 1000;

/**
 * The reports filter of a scope: one grid, one community, or the street's (the city's) communities.
 * The city is listed by its communities too, so every count walks a (communityId, status|category,
 * createdAt) index instead of reading every report of the period once per count.
 */
export function reportScopeFilter(s: ResolvedScope): Filter {
  if (s.gridId) return { gridId: s.gridId };
  return s.communityIds.length === 1 ? { communityId: s.communityIds[0] } : { communityId: { $in: s.communityIds } };
}

const communityFilter = (s: ResolvedScope): Filter =>
  s.scope === 'city'
    ? {}
    : s.communityIds.length === 1
      ? { communityId: s.communityIds[0] }
      : { communityId: { $in: s.communityIds } };

/**
 * Figures of a grid, community, street or the city for a period [from, to).
 *
 * Reports are the ones submitted in the period, counted with indexed `count` queries (a database
 * count on CloudBase); rates on time and satisfaction come from reports' running counters
 * (report_stats, cumulative per community). Green coins come from greencoin's monthly counters
 * (gc_stats, whole months touched by the period); council figures from the held meetings of the
 * period (bounded) and opinion counts. Green coins and council figures exist per community only,
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
    const nowIso = ctx.clock.now().toISOString();
    const base: Filter = { ...reportScopeFilter(s), createdAt: { $gte: from, $lt: to } };
    const count = (extra: Filter) => ctx.store.count(REPORT_COLLECTIONS.reports, { ...base, ...extra });

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

    const [statusCounts, categoryCounts, overdue] = await Promise.all([
      Promise.all(REPORT_STATUSES.map((status) => count({ status }))),
      Promise.all(categories.map((c) => count({ category: c.id }))),
      count({ status: { $in: [...OPEN_STATUSES] }, dueAt: { $lt: nowIso } }),
    ]);
    const byStatus = Object.fromEntries(REPORT_STATUSES.map((st, i) => [st, statusCounts[i] ?? 0])) as Record<
      ReportStatus,
      number
    >;
    const total = statusCounts.reduce((a, b) => a + b, 0);
    const byCategory = categories.map((c, i) => ({ ...c, count: categoryCounts[i] ?? 0 }));
    const uncategorised = total - byCategory.reduce((a, c) => a + c.count, 0);
    if (uncategorised > 0) byCategory.push({ id: 'unknown', name: '其他分类', count: uncategorised });

    // Waiting = nobody has taken it up yet; everything else got an answer (accepted, or rejected).
    const waiting = byStatus.submitted + byStatus.dispatched;
    const considered = total - byStatus.recalled;
    const accepted = total - byStatus.recalled - byStatus.rejected;

    // Cumulative running counters (per community), for on-time and satisfaction rates.
    const counters = s.gridId
      ? []
      : (
          await Promise.all(s.communityIds.map((c) => ctx.store.get<ReportStatsDoc>(REPORT_COLLECTIONS.stats, c)))
        ).filter((d): d is ReportStatsDoc => d !== null);
    const sum = (k: Exclude<keyof ReportStatsDoc, '_id'>) => counters.reduce((a, d) => a + (d[k] ?? 0), 0);

    // Green coins: whole months touched by the period.
    const months = monthsBetween(from, to);
    const gcDocs = (
      await Promise.all(
        s.communityIds.flatMap((c) =>
          months.map((m) => ctx.store.get<GcStatsDoc>(GC_COLLECTIONS.stats, statsId(c, m))),
        ),
      )
    ).filter((d): d is GcStatsDoc => d !== null);
    const gc = (k: 'issued' | 'deducted' | 'redeemed' | 'refunded' | 'awards' | 'redemptions') =>
      gcDocs.reduce((a, d) => a + (d[k] ?? 0), 0);

    // Council: meetings held in the period, matters settled by outcome category.
    const meetings = await ctx.store.find<MeetingDoc>(
      DELIBERATION_COLLECTIONS.meetings,
      { ...communityFilter(s), status: 'held', startsAt: { $gte: from, $lt: to } },
      { limit: MAX_MEETINGS },
    );
    const outcomes = Object.fromEntries(OUTCOME_CATEGORIES.map((c) => [c, 0])) as Record<string, number>;
    let attendees = 0;
    for (const m of meetings) {
      attendees += m.minutes?.attendeeCount ?? 0;
      for (const o of m.minutes?.outcomes ?? []) outcomes[o.category] = (outcomes[o.category] ?? 0) + 1;
    }
    const [opinionsOpen, opinionsAnswered] = await Promise.all([
      ctx.store.count(DELIBERATION_COLLECTIONS.opinions, { ...communityFilter(s), status: 'open' }),
      ctx.store.count(DELIBERATION_COLLECTIONS.opinions, { ...communityFilter(s), status: 'answered' }),
    ]);

    return {
      scope: { scope: s.scope, id: s.id, name: s.name, communityIds: s.communityIds },
      period: { from, to, months },
      reports: {
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
        /** Cumulative since launch (running counters); null for a grid, whose counters are not kept. */
        cumulative:
          s.gridId === null
            ? {
                submitted: sum('submitted'),
                closed: sum('closed'),
                responseOnTime: rate(sum('respondedOnTime'), sum('responded')),
                resolutionOnTime: rate(sum('resolvedOnTime'), sum('resolved')),
                satisfaction: rate(sum('satisfied'), sum('satisfied') + sum('unsatisfied')),
                rework: sum('rework'),
                escalated: sum('escalated'),
              }
            : null,
      },
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
        meetingsHeld: meetings.length,
        truncated: meetings.length === MAX_MEETINGS,
        attendees,
        outcomes,
        opinions: { open: opinionsOpen, answered: opinionsAnswered },
      },
      /** Time bank, cumulative per community (a grid shows its community's). */
      volunteers: await volunteerFigures(ctx, s.communityIds),
      /** 平安细胞 as they stand now (a grid scope counts the units in that grid). */
      safety: await safetyFigures(ctx, s),
    };
  },
});
