import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../cloudfunctions/_core/domain/reports/categories';
import { newFigureDoc, type ReportFigureDoc } from '../../cloudfunctions/_core/domain/reports/figures';
import { REPORT_STATUSES, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { type RollupScope, readRolledFigures } from '../../cloudfunctions/_core/figures/rollups';
import {
  countReportChange,
  figuresFromReports,
  readReportFigures,
} from '../../cloudfunctions/_core/ledger/reportFigures';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, photo, reportInput } from './reports.support';

const HOUR = 3600_000;
const RESIDENTS = ['fig-res-0', 'fig-res-1', 'fig-res-2', 'fig-res-3'];
const WIDE = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

let t: TestRuntime;
const filed: string[] = [];

beforeAll(async () => {
  t = await startTestRuntime();
  for (const [i, openid] of RESIDENTS.entries()) {
    const gridId = i % 2 === 0 ? DEMO.gridA1 : DEMO.gridA2;
    await addPerson(t, openid, {
      nickname: `居民${i}`,
      gridId,
      grants: [{ role: 'resident', communityId: DEMO.communityA }],
    });
  }
});
afterAll(() => t.close());

async function allReports(): Promise<ReportDoc[]> {
  const out: ReportDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await t.runtime.store.find<ReportDoc>('reports', {}, { orderBy: [['_id', 'asc']], skip, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** A counter document without its zero entries (a report that moved away leaves zeros behind). */
function normalise(doc: ReportFigureDoc): Record<string, unknown> | null {
  const flat = Object.entries(doc).filter(
    ([k, v]) => typeof v === 'number' && v !== 0 && k !== 'shard' && !['byStatus', 'byCategory'].includes(k),
  );
  const nested = (o: Record<string, number | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v));
  const byStatus = nested(doc.byStatus);
  const byCategory = nested(doc.byCategory);
  if (flat.length === 0 && !Object.keys(byStatus).length && !Object.keys(byCategory).length) return null;
  return { _id: doc._id, ...Object.fromEntries(flat), byStatus, byCategory };
}

async function expectCountersMatchReports() {
  const stored = new Map<string, Record<string, unknown>>();
  for (let skip = 0; ; skip += 1000) {
    const page = await t.runtime.store.find<ReportFigureDoc>(
      'report_figures',
      {},
      { orderBy: [['_id', 'asc']], skip, limit: 1000 },
    );
    for (const d of page) {
      const n = normalise(d);
      if (n) stored.set(d._id, n);
    }
    if (page.length < 1000) break;
  }
  const reports = await allReports();
  const expected = new Map<string, Record<string, unknown>>();
  for (const d of figuresFromReports(reports).values()) {
    const n = normalise(d);
    if (n) expected.set(d._id, n);
  }
  expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected));
  // And independently of the contribution function: statuses counted straight from the reports.
  const sums = await readReportFigures(t.runtime.store, { communityIds: [DEMO.communityA] }, WIDE.from, WIDE.to);
  for (const status of REPORT_STATUSES) {
    const n = reports.filter((r) => r.communityId === DEMO.communityA && r.status === status).length;
    expect(sums.byStatus[status] ?? 0, status).toBe(n);
  }
  expect(sums.total).toBe(reports.filter((r) => r.communityId === DEMO.communityA).length);
  await expectRollupsMatchCounters(reports);
}

/** Years around the test clock, in whole months: rollup reads take their month snapshots. */
const YEARS = { from: '2020-01-01T00:00:00+08:00', to: '2035-01-01T00:00:00+08:00' };
let folds = 0;

/**
 * Once folded, a grid's and a community's figures from their snapshots plus their dirty counters
 * equal their live counters and a count straight from the raw reports.
 */
async function expectRollupsMatchCounters(reports: ReportDoc[]): Promise<void> {
  const scopes: Array<[RollupScope, { gridId?: string; communityIds?: string[] }, (r: ReportDoc) => boolean]> = [
    [
      { level: 'community', id: DEMO.communityA },
      { communityIds: [DEMO.communityA] },
      (r) => r.communityId === DEMO.communityA,
    ],
    [{ level: 'grid', id: DEMO.gridA1 }, { gridId: DEMO.gridA1 }, (r) => r.gridId === DEMO.gridA1],
    [{ level: 'grid', id: DEMO.gridA2 }, { gridId: DEMO.gridA2 }, (r) => r.gridId === DEMO.gridA2],
  ];
  for (const [scope, live, keep] of scopes) {
    const rolled = await readRolledFigures(t.runtime.store, scope, YEARS.from, YEARS.to);
    if (!rolled) {
      expect(folds, 'read before any fold').toBe(0);
      continue;
    }
    const counters = await readReportFigures(t.runtime.store, live, YEARS.from, YEARS.to);
    const { documents: _d, truncated: _t, source: _s, foldedThrough: _f, ...fromSnapshots } = rolled;
    const { documents: _d2, truncated: _t2, ...fromCounters } = counters;
    const nonZero = (o: Record<string, number | undefined>) =>
      Object.fromEntries(Object.entries(o).filter(([, v]) => v));
    const clean = (f: typeof fromCounters) => ({
      ...f,
      byStatus: nonZero(f.byStatus),
      byCategory: nonZero(f.byCategory),
    });
    expect(clean(fromSnapshots), scope.level).toEqual(clean(fromCounters));
    for (const status of REPORT_STATUSES) {
      const n = reports.filter((r) => keep(r) && r.status === status).length;
      expect(rolled.byStatus[status] ?? 0, `${scope.level} ${status}`).toBe(n);
    }
  }
}

type Op =
  | { kind: 'submit'; who: number; category: number }
  | { kind: 'dispatch' | 'accept' | 'start' | 'suspend' | 'resume' | 'resolve' | 'recall' | 'reject'; report: number }
  | { kind: 'rate'; report: number; satisfied: boolean }
  | { kind: 'sweep'; hours: number }
  /** The nightly fold at a random point: later changes land on counters already in the snapshots. */
  | { kind: 'fold' }
  /** The next step a report's status allows (choice picks among them): sequences reach every state. */
  | { kind: 'step'; report: number; choice: number };

const NEXT: Record<string, Array<Op['kind'] | 'rate+' | 'rate-'>> = {
  submitted: ['dispatch', 'accept', 'recall', 'reject'],
  dispatched: ['accept', 'recall', 'reject'],
  accepted: ['start', 'suspend', 'resolve'],
  in_progress: ['resolve', 'suspend'],
  suspended: ['resume'],
  resolved: ['rate+', 'rate-'],
  rework: ['start', 'resolve'],
};

const reportOp = (kind: Exclude<Op['kind'], 'submit' | 'rate' | 'sweep' | 'step'>) =>
  fc.record({ kind: fc.constant(kind), report: fc.nat(40) });

const ops = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), who: fc.nat(3), category: fc.nat(5) }) },
    reportOp('dispatch'),
    { weight: 2, arbitrary: reportOp('accept') },
    reportOp('start'),
    reportOp('suspend'),
    reportOp('resume'),
    { weight: 2, arbitrary: reportOp('resolve') },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('rate' as const), report: fc.nat(40), satisfied: fc.boolean() }),
    },
    reportOp('recall'),
    reportOp('reject'),
    fc.record({ kind: fc.constant('sweep' as const), hours: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('fold' as const) }),
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('step' as const), report: fc.nat(40), choice: fc.nat(3) }) },
  ),
  { minLength: 10, maxLength: 40 },
);

/** Runs one operation through the real handlers; refusals (wrong state, not allowed) are part of the sequence. */
async function run(op: Op): Promise<void> {
  if (op.kind === 'submit') {
    const who = RESIDENTS[op.who] as string;
    const category = DEFAULT_CATEGORIES[op.category % DEFAULT_CATEGORIES.length]?._id ?? 'environment';
    const res = await t
      .as(who)
      .call('reports', 'submit', await reportInput(t, { category, photos: [await photo(t, who)] }));
    if (res.ok) filed.push(res.data.id);
    return;
  }
  if (op.kind === 'fold') {
    const folded = await t.runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, null, {
      trigger: 'timer',
    });
    expect(folded.ok).toBe(true);
    folds += 1;
    return;
  }
  if (op.kind === 'sweep') {
    t.clock.advance(op.hours * HOUR);
    await t.as('demo-staff').call('reports', 'sla.sweep', {});
    return;
  }
  const reportId = filed[op.report % Math.max(1, filed.length)];
  if (!reportId) return;
  const report = await t.runtime.store.get<ReportDoc>('reports', reportId);
  if (op.kind === 'step') {
    const options = NEXT[report?.status ?? ''] ?? [];
    const next = options[op.choice % Math.max(1, options.length)];
    if (!next) return;
    if (next === 'rate+' || next === 'rate-')
      return run({ kind: 'rate', report: op.report, satisfied: next === 'rate+' });
    return run({ kind: next, report: op.report } as Op);
  }
  const reporter = RESIDENTS.find((r) => `user-${r}` === report?.reporterUserId) ?? 'demo-resident';
  switch (op.kind) {
    case 'dispatch':
      await t.as('demo-staff').call('reports', 'dispatch', { reportId, assigneeUserId: 'user-gridworker' });
      return;
    case 'accept':
    case 'start':
      await t.as('demo-gridworker').call('reports', op.kind, { reportId });
      return;
    case 'suspend':
      await t.as('demo-gridworker').call('reports', 'suspend', { reportId, reason: '等待物业配合' });
      return;
    case 'resume':
      await t.as('demo-gridworker').call('reports', 'resume', { reportId });
      return;
    case 'resolve':
      await t.as('demo-gridworker').call('reports', 'resolve', {
        reportId,
        answer: '已经处理完毕，请查看照片。',
        photos: [await photo(t, 'demo-gridworker')],
      });
      return;
    case 'rate':
      // Five levels (「好差评」): 非常满意 closes, 不满意 (with its reason) sends the case back.
      await t
        .as(reporter)
        .call(
          'reports',
          'rate',
          op.satisfied ? { reportId, score: 5 } : { reportId, score: 2, comment: '没有处理干净' },
        );
      return;
    case 'recall':
      await t.as(reporter).call('reports', 'recall', { reportId });
      return;
    case 'reject':
      await t.as('demo-staff').call('reports', 'reject', { reportId, reason: '不属于社区职责' });
      return;
  }
}

describe('report figures: per (grid, day) counters kept in the transaction of every change', () => {
  it('equal a recompute from the raw reports after random operation sequences through the handlers', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        for (const op of sequence) await run(op);
        await expectCountersMatchReports();
      }),
      { numRuns: 30, seed: 19 },
    );
    // The sequences did reach the interesting states, or the property proved little.
    const statuses = new Set((await allReports()).map((r) => r.status));
    for (const s of ['submitted', 'in_progress', 'resolved', 'closed', 'recalled', 'rejected']) {
      expect(statuses, s).toContain(s);
    }
    const reports = await allReports();
    expect(reports.some((r) => r.escalation > 0)).toBe(true);
    expect(reports.some((r) => r.reworkCount > 0)).toBe(true);
    expect(reports.some((r) => r.rating?.satisfied)).toBe(true);
    expect(folds).toBeGreaterThan(3);
  }, 120_000);

  it('follow a report that moves to another grid or category, leaving nothing behind', async () => {
    await t.as('fig-res-0').ok('reports', 'submit', await reportInput(t, { photos: [await photo(t, 'fig-res-0')] }));
    const [report] = await t.runtime.store.find<ReportDoc>(
      'reports',
      { reporterUserId: 'user-fig-res-0' },
      { orderBy: [['createdAt', 'desc']], limit: 1 },
    );
    if (!report) throw new Error('report not filed');
    const moved: ReportDoc = { ...report, gridId: DEMO.gridA2, category: 'road' };
    await t.runtime.store.runTransaction(async (tx) => {
      await tx.updateById('reports', report._id, { $set: { gridId: moved.gridId, category: moved.category } });
      await countReportChange(tx, report, moved);
    });
    await expectCountersMatchReports();
    const g1 = await readReportFigures(t.runtime.store, { gridId: DEMO.gridA1 }, WIDE.from, WIDE.to);
    const g2 = await readReportFigures(t.runtime.store, { gridId: DEMO.gridA2 }, WIDE.from, WIDE.to);
    const count = async (gridId: string) => t.runtime.store.count('reports', { gridId });
    expect(g1.total).toBe(await count(DEMO.gridA1));
    expect(g2.total).toBe(await count(DEMO.gridA2));
  });

  it('spread one grid-day over shards, so residents reporting at once rarely write one document', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 8; i += 1) {
      await t.as(RESIDENTS[0] as string).call('reports', 'submit', await reportInput(t, { photos: [await photo(t)] }));
    }
    const reports = await t.runtime.store.find<ReportDoc>(
      'reports',
      { reporterUserId: 'user-fig-res-0' },
      { limit: 100 },
    );
    for (const d of figuresFromReports(reports).keys()) ids.add(d.split('|')[2] as string);
    expect(ids.size).toBeGreaterThan(1);
  });

  it('read every counter of a scope past the first page (keyset pages, not skip)', async () => {
    const docs = Array.from({ length: 2_500 }, (_, i) =>
      newFigureDoc(
        {
          id: `page-grid|2031-01-${String((i % 28) + 1).padStart(2, '0')}|${i}`,
          gridId: 'page-grid',
          communityId: 'page-community',
          day: `2031-01-${String((i % 28) + 1).padStart(2, '0')}`,
          shard: i,
        },
        { total: 1, 'byStatus.closed': 1 },
      ),
    );
    await t.runtime.store.runTransaction(async (tx) => {
      for (const d of docs) await tx.insert('report_figures', d);
    });
    const read = await readReportFigures(
      t.runtime.store,
      { communityIds: ['page-community'] },
      '2031-01-01T00:00:00+08:00',
      '2031-02-01T00:00:00+08:00',
    );
    expect(read.documents).toBe(2_500);
    expect(read.total).toBe(2_500);
    expect(read.byStatus.closed).toBe(2_500);
  });
});
