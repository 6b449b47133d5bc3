/**
 * Report counters per (grid, day, shard) in the collection report_figures (issue 19): written in
 * the transaction of every report change through `countReportChange`, read by the dashboard as a
 * bounded number of indexed range reads (grid or community × days × shards), whatever the number
 * of reports. They replace the per-community report_stats document, which every report of a
 * community wrote (a hot document on CloudBase).
 */
import {
  addInto,
  type CountedReport,
  contributionDelta,
  dayRange,
  type FigureKey,
  type FigureTotals,
  figureKey,
  newFigureDoc,
  type ReportFigureDoc,
  reportContribution,
  sumFigures,
} from '../domain/reports/figures';
import { REPORT_COLLECTIONS } from '../domain/reports/types';
import { readPages } from '../figures/counters';
import type { DocStore, Filter, TxStore } from '../store/docstore';

async function bump(tx: TxStore, key: FigureKey, inc: Record<string, number>): Promise<void> {
  if (Object.keys(inc).length === 0) return;
  // Retry-safe: a rerun transaction body starts again from the committed state.
  // `dirty` tells the fold (and the rollup readers) that this document moved since it was last
  // folded: set on the document this change writes anyway, so no shared marker becomes hot.
  const found = await tx.updateById(REPORT_COLLECTIONS.figures, key.id, { $inc: inc, $set: { dirty: true } });
  if (!found) await tx.insert(REPORT_COLLECTIONS.figures, newFigureDoc(key, inc));
}

const negate = (inc: Record<string, number>) =>
  Object.fromEntries(Object.entries(inc).map(([k, v]) => [k, -v])) as Record<string, number>;

/**
 * Moves a report's contribution from what it was to what it is, inside the change's transaction:
 * `before` null for a new report, `after` null for a removed one. A report whose grid changed
 * leaves its old grid's counter and joins the new one's.
 */
export async function countReportChange(
  tx: TxStore,
  before: CountedReport | null,
  after: CountedReport | null,
): Promise<void> {
  const was = before ? reportContribution(before) : {};
  const is = after ? reportContribution(after) : {};
  const from = before ? figureKey(before) : null;
  const to = after ? figureKey(after) : null;
  if (from && to && from.id === to.id) return bump(tx, to, contributionDelta(was, is));
  if (from) await bump(tx, from, negate(was));
  if (to) await bump(tx, to, is);
}

export interface FigureScopeFilter {
  gridId?: string;
  communityIds?: readonly string[];
}

/** Sums the counters of a grid, some communities (or all, for none given) over the days of [from, to). */
export async function readReportFigures(
  store: DocStore,
  scope: FigureScopeFilter,
  fromIso: string,
  toIso: string,
): Promise<FigureTotals & { documents: number; truncated: boolean }> {
  const { first, last } = dayRange(fromIso, toIso);
  const where: Filter = scope.gridId
    ? { gridId: scope.gridId }
    : scope.communityIds === undefined
      ? {}
      : scope.communityIds.length === 1
        ? { communityId: scope.communityIds[0] }
        : { communityId: { $in: [...scope.communityIds] } };
  // Keyset pages through the one paging loop (readPages): skip would walk the earlier pages again.
  // A scope past its pages (a city of ~20k grids over a year) is summed short: `truncated` says so.
  const { docs, truncated } = await readPages<ReportFigureDoc>(store, REPORT_COLLECTIONS.figures, {
    ...where,
    day: { $gte: first, $lte: last },
  });
  return { ...sumFigures(docs), documents: docs.length, truncated };
}

/**
 * Counters recomputed from raw reports, keyed like the stored ones: the seeders write these
 * directly, and the tests compare them with what the handlers maintained.
 */
export function figuresFromReports(reports: Iterable<CountedReport>): Map<string, ReportFigureDoc> {
  const out = new Map<string, ReportFigureDoc>();
  for (const r of reports) {
    const key = figureKey(r);
    const inc = reportContribution(r);
    const doc = out.get(key.id);
    if (doc) addInto(doc, inc);
    else out.set(key.id, newFigureDoc(key, inc));
  }
  return out;
}
