/**
 * Rollups of the report counters for every scope of the dashboard (issue 19), pure.
 *
 * A (grid, day, shard) counter document carries, besides its live totals, `folded`: the totals
 * the fold last added into the snapshots, and `dirty`: whether the live totals may differ from
 * `folded`. Every counter write sets `dirty` (on the document it already writes, so no new
 * document is hot); the fold — a timer, the only writer of snapshots — adds `live − folded` of each
 * dirty document of a finished day into the (month) and (day) snapshots of every holder the
 * counter belongs to: its grid, its community, its community's street and the city (so a grid, a
 * community, a street and the city each read 12 month documents a year, however many reports,
 * grids or streets they hold) — and, in the same transaction, sets `folded = live, dirty = false`.
 *
 * So at every moment, for each holder, Σ live = Σ its snapshots + Σ over its dirty documents
 * (live − folded): a reader sums the holder's snapshots of the period and the holder's dirty
 * documents of the period, and the answer is exact however late a change came (a report re-rated
 * or moved months after the day it counts in): the fold never has to re-read a window, and a
 * reader never double-counts a day that is half folded. The dirty documents are today's and those
 * changed since the last fold: a number that follows the day's activity, not grids × days.
 *
 * The fold state records which levels its snapshots hold (`levels`): an environment folded before
 * the grid and community levels existed holds street and city snapshots only (under the older
 * `streetId` shape), so until admin.figures.rebuild refolds every counter, every scope reads its
 * live counters and the fold waits — a missing snapshot is never read as zero.
 */
import { type FigureTotals, REPORT_FIGURE_FIELDS } from '../reports/figures';
import type { ReportStatus } from '../reports/types';

export const ROLLUP_COLLECTIONS = {
  /** Folded report figures per (holder, month) and per (holder, day); written by the fold only. */
  rollups: 'report_rollups',
  /** One document per fold kind: when it last ran and how far it got (for 「截至」 on the dashboard). */
  state: 'figures_state',
} as const;

export type RollupKind = 'month' | 'day';

/** Who a snapshot sums: the city, a street, a community or a grid (every level the dashboard shows). */
export const ROLLUP_LEVELS = ['city', 'street', 'community', 'grid'] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

export interface RollupDoc extends FigureTotals {
  /** `${level}|${holder}|${period}` */
  _id: string;
  level: RollupLevel;
  /** The street, community or grid id; '*' for the city. */
  holder: string;
  kind: RollupKind;
  /** 'YYYY-MM' for a month, 'YYYY-MM-DD' for a day (China time). */
  period: string;
}

/** The fold's progress, `_id` 'reports'. */
export interface FoldStateDoc {
  _id: string;
  /** When the last fold run finished with nothing of a finished day left dirty. */
  foldedAt: string | null;
  /** The last China day the fold has folded completely (every day before today at that run). */
  foldedThrough: string | null;
  /** The levels the snapshots hold; absent on a state written before grid and community snapshots. */
  levels?: RollupLevel[];
  updatedAt: string;
}

/** True when the snapshots a fold state describes hold every level (not an older fold's). */
export const holdsEveryLevel = (state: Pick<FoldStateDoc, 'levels'>): boolean =>
  ROLLUP_LEVELS.every((l) => state.levels?.includes(l));

export const FOLD_STATE_ID = 'reports';

export const rollupId = (level: RollupLevel, holder: string, period: string) => `${level}|${holder}|${period}`;

/** The totals of a counter document as dotted `$inc` paths (zeros dropped). */
export function totalsInc(t: Partial<FigureTotals> | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!t) return out;
  for (const k of REPORT_FIGURE_FIELDS) if (t[k]) out[k] = t[k] as number;
  for (const [s, n] of Object.entries(t.byStatus ?? {})) if (n) out[`byStatus.${s}`] = n;
  for (const [c, n] of Object.entries(t.byCategory ?? {})) if (n) out[`byCategory.${c}`] = n;
  return out;
}

/** The totals alone (what `folded` keeps), copied so later increments never alias them. */
export function totalsOf(t: FigureTotals): FigureTotals {
  const out = {
    byStatus: { ...(t.byStatus ?? {}) } as Partial<Record<ReportStatus, number>>,
    byCategory: { ...(t.byCategory ?? {}) },
  } as FigureTotals;
  for (const k of REPORT_FIGURE_FIELDS) out[k] = t[k] ?? 0;
  return out;
}

/** `live − folded` as dotted increments, zeros dropped: what a dirty counter owes its snapshots. */
export function unfolded(live: FigureTotals, folded: FigureTotals | null | undefined): Record<string, number> {
  const a = totalsInc(live);
  const b = totalsInc(folded);
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (a[key] ?? 0) - (b[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

/** 'YYYY-MM-DD' → the next day, in the calendar (no time zone involved). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
}

const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * Which snapshots cover the China days [first, last]: the months lying wholly inside read their
 * month snapshot, the cut months at either end read their day snapshots (at most two ranges).
 */
export function rollupPlan(
  first: string,
  last: string,
): { months: string[]; dayRanges: Array<{ first: string; last: string }> } {
  const months: string[] = [];
  const dayRanges: Array<{ first: string; last: string }> = [];
  let day = first;
  while (day <= last) {
    const month = day.slice(0, 7);
    const end = lastDayOfMonth(month);
    const upTo = end < last ? end : last;
    if (day.endsWith('-01') && upTo === end) months.push(month);
    else dayRanges.push({ first: day, last: upTo });
    day = nextDay(upTo);
  }
  return { months, dayRanges };
}
