import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_PERIOD_DAYS } from '../../cloudfunctions/_core/domain/figures';
import { ROLLUP_COLLECTIONS } from '../../cloudfunctions/_core/domain/figures/rollups';
import { dayRange, type FigureTotals, sumFigures } from '../../cloudfunctions/_core/domain/reports/figures';
import { chinaDay } from '../../cloudfunctions/_core/domain/reports/sla';
import type { ReportDoc, ReportStatus } from '../../cloudfunctions/_core/domain/reports/types';
import { foldState } from '../../cloudfunctions/_core/figures/rollups';
import {
  countReportChange,
  figuresFromReports,
  readReportFigures,
} from '../../cloudfunctions/_core/ledger/reportFigures';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { report } from './figures.support';

// reports.stats (a community's 12345 figures over the last year) reads the fold's snapshots plus
// the still-dirty counters, as admin.figures does: the same numbers as summing every live counter
// and as recomputing from the raw reports, from a bounded number of documents however many
// grid-days the community has.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2029-06-15T09:00:00+08:00');
const STATUSES: ReportStatus[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'recalled'];
const GRIDS = [
  { gridId: DEMO.gridA1, communityId: DEMO.communityA },
  { gridId: DEMO.gridA2, communityId: DEMO.communityA },
  { gridId: DEMO.gridB1, communityId: DEMO.communityB },
];

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
  t.clock.set(NOW);
});
afterAll(() => t.close());

const fold = async () => {
  for (;;) {
    const r = (await t.runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, null, {
      trigger: 'timer',
    })) as { ok: boolean; data: { done: boolean } };
    expect(r.ok).toBe(true);
    if (r.data.done) return;
  }
};

/** The answer's counts as reports.stats defines them, from any sum of counters. */
const countsOf = (f: FigureTotals) => ({
  submitted: f.total,
  responded: f.responded,
  resolved: f.resolved,
  closed: f.byStatus.closed ?? 0,
  satisfied: f.satisfied,
  unsatisfied: f.unsatisfied,
  rework: f.rework,
  rejected: f.byStatus.rejected ?? 0,
  recalled: f.byStatus.recalled ?? 0,
  escalated: f.escalated,
});

/** The stats period: the last MAX_PERIOD_DAYS China days up to now, as the action takes it. */
const period = () => {
  const now = t.clock.now();
  return { since: new Date(now.getTime() - (MAX_PERIOD_DAYS - 1) * DAY).toISOString(), now: now.toISOString() };
};

async function rawCounts(communityId: string) {
  const { since, now } = period();
  const { first, last } = dayRange(since, now);
  const all: ReportDoc[] = [];
  let after = '';
  for (;;) {
    const page = await t.runtime.store.find<ReportDoc>(
      'reports',
      { communityId, _id: { $gt: after } },
      { orderBy: [['_id', 'asc']], limit: 1000 },
    );
    all.push(...page);
    if (page.length < 1000) break;
    after = page[page.length - 1]?._id ?? '';
  }
  const inPeriod = all.filter((r) => {
    const day = chinaDay(new Date(r.createdAt));
    return day >= first && day <= last;
  });
  return countsOf(sumFigures([...figuresFromReports(inPeriod).values()]));
}

let seq = 0;
async function file(spec: { grid: number; daysAgo: number }) {
  const g = GRIDS[spec.grid] as (typeof GRIDS)[number];
  seq += 1;
  const createdAt = new Date(t.clock.now().getTime() - spec.daysAgo * DAY).toISOString();
  const doc = report(`stats-${seq}`, {
    status: 'submitted',
    createdAt,
    ...g,
    responseDueAt: new Date(Date.parse(createdAt) + 12 * HOUR).toISOString(),
    resolveDueAt: new Date(Date.parse(createdAt) + 3 * DAY).toISOString(),
  });
  await t.runtime.store.runTransaction(async (tx) => {
    await tx.insert('reports', doc);
    await countReportChange(tx, null, doc);
  });
  return doc._id;
}

/** A change as a handler makes it: the report and its counters in one transaction. */
async function change(id: string, c: { status: number; rating: number; rework: number; escalate: boolean }) {
  const at = t.clock.now().toISOString();
  await t.runtime.store.runTransaction(async (tx) => {
    const before = await tx.get<ReportDoc>('reports', id);
    if (!before) return;
    const status = STATUSES[c.status] as ReportStatus;
    const set: Partial<ReportDoc> = {
      status,
      rating: c.rating === 0 ? null : { satisfied: c.rating === 1, comment: null, at },
      reworkCount: before.reworkCount + c.rework,
      escalation: c.escalate ? (Math.min(2, before.escalation + 1) as ReportDoc['escalation']) : before.escalation,
      respondedAt: before.respondedAt ?? at,
      resolvedAt: status === 'resolved' || status === 'closed' ? at : before.resolvedAt,
      updatedAt: at,
    };
    await tx.updateById('reports', id, { $set: set });
    await countReportChange(tx, before, { ...before, ...set });
  });
}

const spec = fc.record({ grid: fc.nat(2), daysAgo: fc.integer({ min: 0, max: 420 }) });
const edit = fc.record({
  report: fc.nat(500),
  status: fc.nat(STATUSES.length - 1),
  rating: fc.nat(2),
  rework: fc.nat(1),
  escalate: fc.boolean(),
});

describe('reports.stats from the rollups', () => {
  it('equals the live-counter sum and the raw recompute, folded or not, after late changes', async () => {
    const filed: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 25 }),
        fc.array(edit, { maxLength: 20 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 40 }),
        async (specs, edits, folded, hours) => {
          for (const s of specs) filed.push(await file(s));
          if (folded) await fold();
          // Late changes: re-rated, reworked, escalated days after the day they count in.
          for (const e of edits) await change(filed[e.report % filed.length] as string, e);
          t.clock.advance(hours * HOUR);
          const { since, now } = period();
          for (const communityId of [DEMO.communityA, DEMO.communityB]) {
            const staff = communityId === DEMO.communityA ? 'demo-staff' : 'demo-admin';
            const answer = await t.as(staff).ok('reports', 'stats', { communityId });
            const live = countsOf(
              await readReportFigures(t.runtime.store, { communityIds: [communityId] }, since, now),
            );
            expect(answer.counts, `${communityId} against the live counters`).toEqual(live);
            expect(answer.counts, `${communityId} against the raw reports`).toEqual(await rawCounts(communityId));
          }
        },
      ),
      { numRuns: 15, seed: 1920 },
    );
    // The later runs read the snapshots (the fold holds the community level), the first ones every counter.
    expect(await foldState(t.runtime.store)).toMatchObject({
      phase: 'ready',
      levels: expect.arrayContaining(['community']),
    });
  }, 180_000);

  it('reads a bounded number of documents however many grid-days the community has', async () => {
    const reports: ReportDoc[] = [];
    for (let i = 0; i < 1_200; i += 1) {
      const g = GRIDS[i % 2] as (typeof GRIDS)[number];
      const createdAt = new Date(t.clock.now().getTime() - (1 + (i % 300)) * DAY).toISOString();
      reports.push(report(`stats-bulk-${i}`, { status: 'closed', createdAt, ...g, category: 'road' }));
    }
    await t.runtime.store.runTransaction(async (tx) => {
      for (const r of reports) {
        await tx.insert('reports', r);
        await countReportChange(tx, null, r);
      }
    });
    await fold();
    const expected = await rawCounts(DEMO.communityA);
    const read = new Map<string, number>();
    const store = t.runtime.store;
    const find = store.find.bind(store);
    const spy = vi.spyOn(store, 'find').mockImplementation(async (collection, filter, options) => {
      const docs = await find(collection, filter, options);
      read.set(collection, (read.get(collection) ?? 0) + docs.length);
      return docs as never;
    });
    try {
      const answer = await t.as('demo-staff').ok('reports', 'stats', { communityId: DEMO.communityA });
      expect(answer.counts).toEqual(expected);
    } finally {
      spy.mockRestore();
    }
    // 12-13 months by their month or day snapshots; no grid-day counter is read (none is dirty).
    expect(read.get('report_figures') ?? 0, 'live counters read').toBe(0);
    expect(read.get(ROLLUP_COLLECTIONS.rollups) ?? 0, 'snapshots read').toBeLessThanOrEqual(62);
  }, 120_000);
});
