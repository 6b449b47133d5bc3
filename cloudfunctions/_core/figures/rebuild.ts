/**
 * The one-off recompute of every figure counter and snapshot from the raw documents (issue 19):
 * for environments whose data predates the counters, or whose counters are in doubt. Resumable:
 * each call does a bounded amount of work and hands back a cursor (`<phase>|<last id>`), because a
 * CloudBase function has at most 60 s (cloudbaserc `timeout`, 1–60 s) and a city is far more.
 *
 * Phases: `snapshots` (readers switch to the live counters, every snapshot is removed), `unfold`
 * (every report counter marked as in no snapshot, so the refold counts it once), `reports`
 * (per grid: its counters recomputed from its reports), `timebank`, `council`, `opinions` (per
 * community), then `fold` (the fold's init pass refolds every counter from zero). Every phase
 * writes whole values ($set from a recompute), never increments, so re-running a call or the
 * whole rebuild gives the same state. A change that lands on a grid while that grid is being
 * recomputed can be overwritten: run it in a quiet hour (the fold's own writes are always safe).
 */

import { DELIBERATION_COLLECTIONS } from '../domain/deliberation/model';
import { COUNTER_COLLECTIONS } from '../domain/figures/counters';
import { ROLLUP_COLLECTIONS, totalsInc } from '../domain/figures/rollups';
import { COLLECTIONS, type CommunityDoc, type GridDoc } from '../domain/people';
import { addInto, type ReportFigureDoc } from '../domain/reports/figures';
import type { ReportDoc } from '../domain/reports/types';
import { REPORT_COLLECTIONS } from '../domain/reports/types';
import { TB_COLLECTIONS } from '../domain/timebank';
import { figuresFromReports } from '../ledger/reportFigures';
import type { DocStore, Filter, StoredDoc } from '../store/docstore';
import { councilFiguresFrom, opinionFiguresFrom, readPages, timebankFiguresFrom } from './counters';
import { foldReportFigures, foldState, saveFoldState } from './rollups';

export const REBUILD_PHASES = ['snapshots', 'unfold', 'reports', 'timebank', 'council', 'opinions', 'fold'] as const;
export type RebuildPhase = (typeof REBUILD_PHASES)[number];

export interface RebuildCursor {
  phase: RebuildPhase;
  /** Keyset: the last grid / community / snapshot id done in this phase. */
  after: string | null;
}

export const formatCursor = (c: RebuildCursor) => `${c.phase}|${c.after ?? ''}`;

/** A cursor handed back by an earlier call; null when it is not one. */
export function parseCursor(text: string | undefined): RebuildCursor | null {
  if (text === undefined) return { phase: 'snapshots', after: null };
  const bar = text.indexOf('|');
  const phase = text.slice(0, bar) as RebuildPhase;
  if (bar < 0 || !REBUILD_PHASES.includes(phase)) return null;
  return { phase, after: text.slice(bar + 1) || null };
}

/** Documents written per transaction. */
const WRITE_BATCH = 100;

/** Replaces the counters of one scope with a recompute: $set what is, remove what should not be. */
async function replaceCounters(
  store: DocStore,
  collection: string,
  scope: Filter,
  recomputed: Map<string, StoredDoc>,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const existing = (await readPages<StoredDoc>(store, collection, scope)).docs.map((d) => d._id);
  const ids = [...new Set([...recomputed.keys(), ...existing])];
  for (let i = 0; i < ids.length; i += WRITE_BATCH) {
    const batch = ids.slice(i, i + WRITE_BATCH);
    await store.runTransaction(async (tx) => {
      for (const id of batch) {
        const doc = recomputed.get(id);
        if (!doc) {
          await tx.removeById(collection, id);
          continue;
        }
        const { _id, ...fields } = { ...doc, ...extra };
        if (!(await tx.updateById(collection, id, { $set: fields }))) await tx.insert(collection, { ...doc, ...extra });
      }
    });
  }
  return ids.length;
}

type Step = (store: DocStore, after: string | null, limit: number) => Promise<{ last: string | null; done: boolean }>;

/** Keyset pages of a collection's ids, `limit` at a time. */
async function pageOf<T extends StoredDoc>(store: DocStore, collection: string, after: string | null, limit: number) {
  return store.find<T>(collection, after === null ? {} : { _id: { $gt: after } }, {
    orderBy: [['_id', 'asc']],
    limit,
  });
}

/**
 * A grid's report counters recomputed from its reports a page at a time, keeping only the
 * counters: readPages stops at 100 pages, and a grid past 100,000 reports (the bench's grid B1 at
 * 300k) would be summed short and its counters silently replaced by the short sum.
 */
async function gridFigures(store: DocStore, gridId: string): Promise<Map<string, ReportFigureDoc>> {
  const out = new Map<string, ReportFigureDoc>();
  let after: string | null = null;
  for (;;) {
    const page: ReportDoc[] = await store.find<ReportDoc>(
      REPORT_COLLECTIONS.reports,
      after === null ? { gridId } : { gridId, _id: { $gt: after } },
      { orderBy: [['_id', 'asc']], limit: BULK },
    );
    for (const [id, doc] of figuresFromReports(page)) {
      const have = out.get(id);
      if (have) addInto(have, totalsInc(doc));
      else out.set(id, doc);
    }
    if (page.length < BULK) return out;
    after = page[page.length - 1]?._id ?? null;
  }
}

const perCommunity =
  (recompute: (store: DocStore, community: CommunityDoc) => Promise<void>): Step =>
  async (store, after, limit) => {
    const communities = await pageOf<CommunityDoc>(store, COLLECTIONS.communities, after, limit);
    for (const c of communities) await recompute(store, c);
    return { last: communities[communities.length - 1]?._id ?? after, done: communities.length < limit };
  };

/** Ids only, a page of 1,000: the snapshot and unfold passes. */
const BULK = 1000;

const STEPS: Record<Exclude<RebuildPhase, 'fold'>, Step> = {
  snapshots: async (store, after) => {
    // Readers leave the snapshots for the live counters before any is removed.
    const state = await foldState(store);
    if (state.phase !== 'rebuild') await saveFoldState(store, { ...state, phase: 'rebuild', after: null });
    const docs = await pageOf<StoredDoc>(store, ROLLUP_COLLECTIONS.rollups, after, BULK);
    for (let i = 0; i < docs.length; i += WRITE_BATCH) {
      await store.runTransaction(async (tx) => {
        for (const d of docs.slice(i, i + WRITE_BATCH)) await tx.removeById(ROLLUP_COLLECTIONS.rollups, d._id);
      });
    }
    return { last: docs[docs.length - 1]?._id ?? after, done: docs.length < BULK };
  },
  unfold: async (store, after) => {
    const docs = await pageOf<StoredDoc>(store, REPORT_COLLECTIONS.figures, after, BULK);
    const last = docs[docs.length - 1]?._id;
    if (last) {
      const range = after === null ? { $lte: last } : { $gt: after, $lte: last };
      await store.updateWhere(REPORT_COLLECTIONS.figures, { _id: range }, { $set: { folded: null, dirty: true } });
    }
    return { last: last ?? after, done: docs.length < BULK };
  },
  reports: async (store, after, limit) => {
    const grids = await pageOf<GridDoc>(store, COLLECTIONS.grids, after, limit);
    for (const g of grids) {
      // Dirty and never folded: the fold's init pass adds them into fresh snapshots.
      await replaceCounters(store, REPORT_COLLECTIONS.figures, { gridId: g._id }, await gridFigures(store, g._id), {
        dirty: true,
        folded: null,
      });
    }
    return { last: grids[grids.length - 1]?._id ?? after, done: grids.length < limit };
  },
  timebank: perCommunity(async (store, c) => {
    const volunteers = (await readPages(store, TB_COLLECTIONS.volunteers, { communityId: c._id })).docs;
    await replaceCounters(
      store,
      COUNTER_COLLECTIONS.timebank,
      { communityId: c._id },
      timebankFiguresFrom(volunteers as never),
    );
  }),
  council: perCommunity(async (store, c) => {
    const meetings = (await readPages(store, DELIBERATION_COLLECTIONS.meetings, { communityId: c._id })).docs;
    await replaceCounters(
      store,
      COUNTER_COLLECTIONS.council,
      { communityId: c._id },
      councilFiguresFrom(meetings as never),
    );
  }),
  opinions: perCommunity(async (store, c) => {
    const opinions = (await readPages(store, DELIBERATION_COLLECTIONS.opinions, { communityId: c._id })).docs;
    await replaceCounters(
      store,
      COUNTER_COLLECTIONS.opinions,
      { communityId: c._id },
      opinionFiguresFrom(opinions as never),
    );
  }),
};

export interface RebuildResult {
  done: boolean;
  /** Hand it back to go on; null once done. */
  cursor: string | null;
  phase: RebuildPhase;
  /** Grids, communities or snapshot pages handled by this call. */
  steps: number;
}

/**
 * Runs the rebuild from `cursor` for at most `maxSteps` steps; null when the cursor belongs to no
 * rebuild under way (a step: one grid, one community,
 * or a page of 1,000 snapshot or counter ids; the fold's init pass counts 1,000 counters a step).
 */
export async function rebuildFigures(
  store: DocStore,
  now: Date,
  start: RebuildCursor,
  maxSteps: number,
  deadline: () => boolean = () => false,
): Promise<RebuildResult | null> {
  // A cursor goes on only with the rebuild it came from: replayed after that rebuild finished (or
  // while the fold's own first pass runs), its recompute would reset counters the snapshots hold.
  const state = await foldState(store);
  const resumable = start.phase === 'fold' ? ['rebuild', 'init'] : ['rebuild'];
  if (start.phase !== 'snapshots' && !resumable.includes(state.phase)) return null;
  let cursor = start;
  let steps = 0;
  while (steps < maxSteps && !deadline()) {
    if (cursor.phase === 'fold') {
      // The counters are recomputed: refold every one of them from zero into the empty snapshots.
      const state = await foldState(store);
      if (state.phase === 'rebuild') await saveFoldState(store, { ...state, phase: 'init', after: null });
      const folded = await foldReportFigures(store, now, { maxDocs: (maxSteps - steps) * 1000, deadline });
      steps = maxSteps;
      if (folded.done) return { done: true, cursor: null, phase: 'fold', steps };
      break;
    }
    // Grids and communities a few at a time; the id passes a page of BULK a step.
    const limit = Math.min(maxSteps - steps, 20);
    const { last, done } = await STEPS[cursor.phase](store, cursor.after, limit);
    steps += cursor.phase === 'snapshots' || cursor.phase === 'unfold' ? 1 : limit;
    const next = REBUILD_PHASES[REBUILD_PHASES.indexOf(cursor.phase) + 1] as RebuildPhase;
    cursor = done ? { phase: next, after: null } : { phase: cursor.phase, after: last };
  }
  return { done: false, cursor: formatCursor(cursor), phase: cursor.phase, steps };
}
