/**
 * Report figures kept as counters per (grid, China day of submission, shard), issue 19. Pure: what
 * one report adds to its counter, derived from the report document alone, so a change applies
 * "minus what it counted before, plus what it counts now" and a recompute from the raw reports
 * must give the same numbers (the property test does exactly that).
 *
 * A report counts in the day it was submitted (the period filter of the dashboard), whatever day
 * it changes on: figures of a period are "the reports submitted in it, as they stand now".
 */
import { chinaDay } from './sla';
import { OPEN_STATUSES, type ReportDoc, type ReportStatus } from './types';

/**
 * Counter documents per grid and day. Residents of one grid reporting at the same moment pick
 * different shards (from the report id), so their transactions rarely write the same document:
 * CloudBase lets only the first committer of a document win (issue 17). Reads sum the shards.
 */
// 64, not 4 (issue 17): 100 residents of one grid reporting at once put 25 transactions on each of
// 4 documents (62 ran out of retries) and still 6 on each of 16. Documents are made on first use, so
// a grid-day has min(its reports, 64) of them: reads grow with the reports, not with the shards.
export const REPORT_FIGURE_SHARDS = 64;

/** The flat counters of one counter document (besides byStatus / byCategory). */
export const REPORT_FIGURE_FIELDS = [
  'total',
  /** Open and escalated by the SLA sweep: a deadline was missed and the report is still someone's work. */
  'overdue',
  /** 退回重办: unsatisfied ratings sent back for rework, summed over reports. */
  'rework',
  'satisfied',
  'unsatisfied',
  'responded',
  'respondedOnTime',
  'resolved',
  'resolvedOnTime',
  /** Reports the sweep escalated at least once. */
  'escalated',
] as const;
export type ReportFigureField = (typeof REPORT_FIGURE_FIELDS)[number];

export interface ReportFigureDoc {
  _id: string;
  gridId: string;
  communityId: string;
  /** 'YYYY-MM-DD', China time, of the reports' submission. */
  day: string;
  shard: number;
  byStatus: Partial<Record<ReportStatus, number>>;
  byCategory: Record<string, number>;
  total: number;
  overdue: number;
  rework: number;
  satisfied: number;
  unsatisfied: number;
  responded: number;
  respondedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  escalated: number;
  /**
   * The rollups' bookkeeping (domain/figures/rollups.ts): `dirty` is set by every counter write and
   * cleared by the fold, which keeps in `folded` what it added into the street's snapshots.
   */
  dirty?: boolean;
  folded?: FigureTotals | null;
}

/** The report fields the counters depend on. */
export type CountedReport = Pick<
  ReportDoc,
  | '_id'
  | 'gridId'
  | 'communityId'
  | 'createdAt'
  | 'status'
  | 'category'
  | 'escalation'
  | 'reworkCount'
  | 'respondedAt'
  | 'responseDueAt'
  | 'resolvedAt'
  | 'resolveDueAt'
> & { rating: { satisfied?: boolean; score?: number } | null };

/**
 * Satisfied or not, from either rating shape: the two-way `satisfied` boolean, or a five-level
 * `score` (1–5, 3 and above satisfied) where the boolean is absent. The one place that decides.
 */
export function ratingSatisfied(rating: { satisfied?: boolean; score?: number } | null): boolean | null {
  if (!rating) return null;
  if (typeof rating.satisfied === 'boolean') return rating.satisfied;
  if (typeof rating.score === 'number') return rating.score >= 3;
  return null;
}

/** A small stable hash of the report id: the same report always lands in the same shard. */
export function shardOf(id: string, shards = REPORT_FIGURE_SHARDS): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i += 1) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}

export interface FigureKey {
  id: string;
  gridId: string;
  communityId: string;
  day: string;
  shard: number;
}

export function figureKey(report: CountedReport): FigureKey {
  const day = chinaDay(new Date(report.createdAt));
  const shard = shardOf(report._id);
  return {
    id: `${report.gridId}|${day}|${shard}`,
    gridId: report.gridId,
    communityId: report.communityId,
    day,
    shard,
  };
}

/** Category ids become field names: keep them to what a field path may hold. */
export const categoryField = (category: string) => category.replace(/[.$]/g, '_');

/** What one report adds to its counter document, as dotted `$inc` paths. */
export function reportContribution(report: CountedReport): Record<string, number> {
  const out: Record<string, number> = { total: 1 };
  out[`byStatus.${report.status}`] = 1;
  out[`byCategory.${categoryField(report.category)}`] = 1;
  const open = OPEN_STATUSES.includes(report.status);
  if (open && report.escalation > 0) out.overdue = 1;
  if (report.escalation > 0) out.escalated = 1;
  if (report.reworkCount > 0) out.rework = report.reworkCount;
  // Ratings, not reports, as 12345 counts them: every unsatisfied rating sent the report back
  // (reworkCount), and only the last rating can be a satisfied one (it closes the report).
  const satisfied = ratingSatisfied(report.rating);
  if (satisfied === true) out.satisfied = 1;
  const unsatisfied = Math.max(report.reworkCount, satisfied === false ? 1 : 0);
  if (unsatisfied > 0) out.unsatisfied = unsatisfied;
  if (report.respondedAt) {
    out.responded = 1;
    if (report.respondedAt <= report.responseDueAt) out.respondedOnTime = 1;
  }
  if (report.resolvedAt) {
    out.resolved = 1;
    if (report.resolvedAt <= report.resolveDueAt) out.resolvedOnTime = 1;
  }
  return out;
}

/** `after − before` with the zero entries dropped. */
export function contributionDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

/** A fresh counter document holding `inc`. */
export function newFigureDoc(key: FigureKey, inc: Record<string, number>): ReportFigureDoc {
  const doc: ReportFigureDoc = {
    _id: key.id,
    gridId: key.gridId,
    communityId: key.communityId,
    day: key.day,
    shard: key.shard,
    ...emptyTotals(),
    // Not yet in any snapshot: the fold picks it up once its day is over.
    dirty: true,
    folded: null,
  };
  addInto(doc, inc);
  return doc;
}

/** Applies dotted increments to a counter document in memory (seeders, sums). */
export function addInto(doc: ReportFigureDoc | FigureTotals, inc: Record<string, number>): void {
  for (const [path, n] of Object.entries(inc)) {
    const dot = path.indexOf('.');
    if (dot < 0) {
      const k = path as ReportFigureField;
      doc[k] = (doc[k] ?? 0) + n;
    } else {
      const group = path.slice(0, dot) as 'byStatus' | 'byCategory';
      const name = path.slice(dot + 1);
      const bucket = doc[group] as Record<string, number>;
      bucket[name] = (bucket[name] ?? 0) + n;
    }
  }
}

export type FigureTotals = Pick<ReportFigureDoc, 'byStatus' | 'byCategory' | ReportFigureField>;

export function emptyTotals(): FigureTotals {
  return {
    byStatus: {},
    byCategory: {},
    total: 0,
    overdue: 0,
    rework: 0,
    satisfied: 0,
    unsatisfied: 0,
    responded: 0,
    respondedOnTime: 0,
    resolved: 0,
    resolvedOnTime: 0,
    escalated: 0,
  };
}

/** Sums counter documents (shards, grids, days) into one set of totals. */
export function sumFigures(docs: Iterable<FigureTotals>): FigureTotals {
  const out = emptyTotals();
  for (const d of docs) {
    for (const k of REPORT_FIGURE_FIELDS) out[k] += d[k] ?? 0;
    for (const [s, n] of Object.entries(d.byStatus ?? {})) {
      out.byStatus[s as ReportStatus] = (out.byStatus[s as ReportStatus] ?? 0) + (n ?? 0);
    }
    for (const [c, n] of Object.entries(d.byCategory ?? {})) out.byCategory[c] = (out.byCategory[c] ?? 0) + n;
  }
  return out;
}

/** The China days [from, to) covers, as 'YYYY-MM-DD' bounds for a range query: [firstDay, lastDay]. */
export function dayRange(fromIso: string, toIso: string): { first: string; last: string } {
  return {
    first: chinaDay(new Date(fromIso)),
    last: chinaDay(new Date(Date.parse(toIso) - 1)),
  };
}
