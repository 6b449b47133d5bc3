/**
 * Report figures of every scope from rollups (issue 19): the fold that writes the (grid,
 * community, street, city) × (month, day) snapshots and the reader that sums a holder's snapshots
 * with its still-dirty counters. Why this is exact at every moment, and why nothing here is a hot
 * document: domain/figures/rollups.ts.
 */
import {
  FOLD_STATE_ID,
  type FoldStateDoc,
  holdsEveryLevel,
  ROLLUP_COLLECTIONS,
  ROLLUP_LEVELS,
  type RollupDoc,
  type RollupKind,
  type RollupLevel,
  rollupId,
  rollupPlan,
  totalsOf,
  unfolded,
} from '../domain/figures/rollups';
import { COLLECTIONS, type CommunityDoc } from '../domain/people';
import {
  addInto,
  dayRange,
  emptyTotals,
  type FigureTotals,
  type ReportFigureDoc,
  sumFigures,
} from '../domain/reports/figures';
import { chinaDay } from '../domain/reports/sla';
import { REPORT_COLLECTIONS } from '../domain/reports/types';
import { type FigureScopeFilter, readReportFigures } from '../ledger/reportFigures';
import type { DocStore, Filter, TxStore } from '../store/docstore';
import { readPages } from './counters';

/**
 * Where a fold stands: 'init' walks every counter (a new or rebuilt environment: counters in no
 * snapshot yet), 'ready' folds only dirty ones, 'rebuild' waits for admin.figures.rebuild.
 */
export type FoldPhase = 'init' | 'ready' | 'rebuild';
interface FoldState extends FoldStateDoc {
  phase: FoldPhase;
  /** The init pass's keyset cursor (last counter _id folded). */
  after: string | null;
}

/** Counters of communities no street holds (or no longer known): in the city, in no street. */
export const NO_STREET = '-';
/**
 * The city's own snapshots (holder '*'): the city reads 12 documents a year whatever the number
 * of streets. The fold is their one writer, as for every holder's, so no live write ever meets them.
 */
export const CITY = '*';

/** Counter documents per fold transaction: a few hundred reads and writes, well inside 30 s. */
const FOLD_BATCH = 100;

export async function foldState(store: DocStore): Promise<FoldState> {
  const doc = await store.get<FoldState>(ROLLUP_COLLECTIONS.state, FOLD_STATE_ID);
  if (!doc) {
    return { _id: FOLD_STATE_ID, phase: 'init', after: null, foldedAt: null, foldedThrough: null, updatedAt: '' };
  }
  // Folded before grid and community snapshots existed: its snapshots hold fewer levels (in an
  // older shape), so nothing reads them and the fold waits until admin.figures.rebuild refolds.
  return holdsEveryLevel(doc) ? doc : { ...doc, phase: 'rebuild' };
}

/** Every state this code saves describes snapshots of every level (the fold writes them all). */
export async function saveFoldState(store: DocStore, state: FoldState): Promise<void> {
  await store.runTransaction(async (tx) => {
    const doc = { ...state, levels: [...ROLLUP_LEVELS] };
    const { _id, ...fields } = doc;
    if (!(await tx.updateById(ROLLUP_COLLECTIONS.state, _id, { $set: fields })))
      await tx.insert(ROLLUP_COLLECTIONS.state, doc);
  });
}

/** Street of each community, read once per fold run ($in pages of the ones not seen yet). */
async function streetsOf(store: DocStore, cache: Map<string, string>, communityIds: Iterable<string>): Promise<void> {
  const missing = [...new Set(communityIds)].filter((c) => !cache.has(c));
  for (let i = 0; i < missing.length; i += 500) {
    const ids = missing.slice(i, i + 500);
    const docs = await store.find<CommunityDoc>(COLLECTIONS.communities, { _id: { $in: ids } }, { limit: 500 });
    for (const c of docs) cache.set(c._id, c.streetId);
    for (const id of ids) if (!cache.has(id)) cache.set(id, NO_STREET);
  }
}

function freshRollup(level: RollupLevel, holder: string, kind: RollupKind, period: string): RollupDoc {
  return { _id: rollupId(level, holder, period), level, holder, kind, period, ...emptyTotals() };
}

/** Who a counter's totals belong to, one holder a level. */
const holdersOf = (doc: ReportFigureDoc, streets: Map<string, string>): Array<[RollupLevel, string]> => [
  ['city', CITY],
  ['street', streets.get(doc.communityId) ?? NO_STREET],
  ['community', doc.communityId],
  ['grid', doc.gridId],
];

/**
 * One transaction: re-reads each counter, adds what it owes into the month and day snapshots of
 * its grid, community, street and the city, and records it as folded. Retry-safe (everything is recomputed from the re-read
 * documents) and idempotent (a folded counter owes nothing until it changes again).
 */
async function foldBatch(tx: TxStore, ids: string[], streets: Map<string, string>): Promise<number> {
  const owed = new Map<string, { doc: RollupDoc; inc: Record<string, number> }>();
  let folded = 0;
  for (const id of ids) {
    const doc = await tx.get<ReportFigureDoc>(REPORT_COLLECTIONS.figures, id);
    // `folded` null (or absent, on counters older than the rollups): in no snapshot yet, owes all of
    // itself. Neither dirty nor unfolded: folded already (by this pass or a concurrent one).
    if (!doc || (!doc.dirty && doc.folded != null)) continue;
    const inc = unfolded(doc, doc.folded);
    for (const [level, holder] of holdersOf(doc, streets)) {
      for (const [kind, period] of [
        ['month', doc.day.slice(0, 7)],
        ['day', doc.day],
      ] as const) {
        const key = rollupId(level, holder, period);
        const entry = owed.get(key) ?? { doc: freshRollup(level, holder, kind, period), inc: {} };
        for (const [k, n] of Object.entries(inc)) entry.inc[k] = (entry.inc[k] ?? 0) + n;
        owed.set(key, entry);
      }
    }
    await tx.updateById(REPORT_COLLECTIONS.figures, id, { $set: { folded: totalsOf(doc), dirty: false } });
    folded += 1;
  }
  for (const [key, { doc, inc }] of owed) {
    const nonZero = Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0));
    if (Object.keys(nonZero).length === 0) continue;
    if (await tx.updateById(ROLLUP_COLLECTIONS.rollups, key, { $inc: nonZero })) continue;
    addInto(doc, nonZero);
    await tx.insert(ROLLUP_COLLECTIONS.rollups, doc);
  }
  return folded;
}

export interface FoldResult {
  phase: FoldPhase;
  folded: number;
  /** False when the run stopped on its budget with counters still to fold (the next run goes on). */
  done: boolean;
  foldedThrough: string | null;
}

/**
 * Folds what is owed, within a budget of counter documents. The init pass (a new or rebuilt
 * environment) walks every counter by keyset; afterwards only dirty counters of finished China
 * days are folded — today's keep being written and are read live.
 */
export async function foldReportFigures(
  store: DocStore,
  now: Date,
  budget: { maxDocs: number; deadline?: () => boolean },
): Promise<FoldResult> {
  const state = await foldState(store);
  if (state.phase === 'rebuild')
    return { phase: state.phase, folded: 0, done: false, foldedThrough: state.foldedThrough };
  const today = chinaDay(now);
  const streets = new Map<string, string>();
  let folded = 0;
  let after = state.phase === 'init' ? state.after : null;
  for (;;) {
    if (folded >= budget.maxDocs || budget.deadline?.()) {
      if (state.phase === 'init') await saveFoldState(store, { ...state, after, updatedAt: now.toISOString() });
      return { phase: state.phase, folded, done: false, foldedThrough: state.foldedThrough };
    }
    const filter: Filter =
      state.phase === 'init'
        ? after === null
          ? {}
          : { _id: { $gt: after } }
        : { dirty: true, day: { $lt: today }, ...(after === null ? {} : { _id: { $gt: after } }) };
    const page = await store.find<ReportFigureDoc>(REPORT_COLLECTIONS.figures, filter, {
      orderBy: [['_id', 'asc']],
      limit: FOLD_BATCH,
    });
    if (page.length > 0) {
      await streetsOf(
        store,
        streets,
        page.map((d) => d.communityId),
      );
      const ids = page.map((d) => d._id);
      folded += await store.runTransaction((tx) => foldBatch(tx, ids, streets));
      after = ids[ids.length - 1] ?? after;
    }
    if (page.length < FOLD_BATCH) break;
  }
  const foldedThrough = chinaDay(new Date(now.getTime() - 86_400_000));
  await saveFoldState(store, {
    ...state,
    phase: 'ready',
    after: null,
    foldedAt: now.toISOString(),
    foldedThrough,
    updatedAt: now.toISOString(),
  });
  return { phase: 'ready', folded, done: true, foldedThrough };
}

export interface RolledFigures extends FigureTotals {
  documents: number;
  truncated: boolean;
  /** Where the numbers came from: the snapshots plus dirty counters, or every counter (not folded yet). */
  source: 'rollups' | 'counters';
  foldedThrough: string | null;
}

/** A holder of snapshots and the counters that are its own (for the still-dirty part of a read). */
export type RollupScope =
  | { level: 'city' }
  | { level: 'street'; id: string; communityIds: readonly string[] }
  | { level: 'community'; id: string }
  | { level: 'grid'; id: string };

function holderOf(scope: RollupScope): { holder: string; counters: Filter } {
  switch (scope.level) {
    case 'city':
      return { holder: CITY, counters: {} };
    case 'street':
      return {
        holder: scope.id,
        counters:
          scope.communityIds.length === 1
            ? { communityId: scope.communityIds[0] }
            : { communityId: { $in: [...scope.communityIds] } },
      };
    case 'community':
      return { holder: scope.id, counters: { communityId: scope.id } };
    case 'grid':
      return { holder: scope.id, counters: { gridId: scope.id } };
  }
}

/**
 * A scope's report figures for [from, to): its snapshots of the period — whole months by their
 * month snapshot, cut months by day snapshots — plus what every dirty counter of the scope and
 * period owes them. Null while the snapshots do not hold the scope's level (before the first fold
 * has finished, or folded by an older fold: read every counter then, as before).
 */
export async function readRolledFigures(
  store: DocStore,
  scope: RollupScope,
  fromIso: string,
  toIso: string,
): Promise<RolledFigures | null> {
  const state = await foldState(store);
  if (state.phase !== 'ready' || !state.levels?.includes(scope.level)) return null;
  const { first, last } = dayRange(fromIso, toIso);
  const plan = rollupPlan(first, last);
  const { holder, counters } = holderOf(scope);
  const own: Filter = { level: scope.level, holder };
  const reads: Array<Promise<{ docs: Array<FigureTotals & { _id: string }>; truncated: boolean }>> = [];
  if (plan.months.length > 0) {
    reads.push(
      readPages<RollupDoc>(store, ROLLUP_COLLECTIONS.rollups, {
        ...own,
        kind: 'month',
        period: { $in: plan.months },
      }),
    );
  }
  for (const r of plan.dayRanges) {
    reads.push(
      readPages<RollupDoc>(store, ROLLUP_COLLECTIONS.rollups, {
        ...own,
        kind: 'day',
        period: { $gte: r.first, $lte: r.last },
      }),
    );
  }
  const dirty = readPages<ReportFigureDoc>(store, REPORT_COLLECTIONS.figures, {
    dirty: true,
    ...counters,
    day: { $gte: first, $lte: last },
  });
  const [snapshots, owed] = await Promise.all([Promise.all(reads), dirty]);
  const sum = sumFigures(snapshots.flatMap((s) => s.docs));
  for (const d of owed.docs) addInto(sum, unfolded(d, d.folded));
  return {
    ...sum,
    documents: snapshots.reduce((a, s) => a + s.docs.length, 0) + owed.docs.length,
    truncated: owed.truncated || snapshots.some((s) => s.truncated),
    source: 'rollups',
    foldedThrough: state.foldedThrough,
  };
}

/** The live counters of a scope: what a read sums before the fold holds the scope's level. */
const liveScopeOf = (scope: RollupScope): FigureScopeFilter =>
  scope.level === 'grid'
    ? { gridId: scope.id }
    : scope.level === 'community'
      ? { communityIds: [scope.id] }
      : scope.level === 'street'
        ? { communityIds: scope.communityIds }
        : {};

/**
 * A scope's report figures the one way every reader takes them (admin.figures, reports.stats):
 * the snapshots plus the still-dirty counters once the fold holds the scope's level, every
 * counter of the scope until then. Bounded by the snapshots, not by the number of grid-days.
 */
export async function readScopeReportFigures(
  store: DocStore,
  scope: RollupScope,
  fromIso: string,
  toIso: string,
): Promise<RolledFigures> {
  const rolled = await readRolledFigures(store, scope, fromIso, toIso);
  if (rolled) return rolled;
  const live = await readReportFigures(store, liveScopeOf(scope), fromIso, toIso);
  return { ...live, source: 'counters', foldedThrough: null };
}
