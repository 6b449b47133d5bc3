import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_COLLECTIONS, rollupPlan } from '../../cloudfunctions/_core/domain/figures/rollups';
import {
  type FigureTotals,
  type ReportFigureDoc,
  reportContribution,
  sumFigures,
} from '../../cloudfunctions/_core/domain/reports/figures';
import { chinaDay } from '../../cloudfunctions/_core/domain/reports/sla';
import type { ReportDoc, ReportStatus } from '../../cloudfunctions/_core/domain/reports/types';
import { type RollupScope, readRolledFigures } from '../../cloudfunctions/_core/figures/rollups';
import {
  countReportChange,
  figuresFromReports,
  readReportFigures,
} from '../../cloudfunctions/_core/ledger/reportFigures';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { report } from './figures.support';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Reports of the property live from this moment on: no seeded report is in 2028. */
const START = new Date('2028-01-28T09:00:00+08:00');
const YEAR = { from: '2028-01-01T00:00:00+08:00', to: '2029-01-01T00:00:00+08:00' };

/** A second street, so a street's answer is not the city's. */
const OTHER = { street: 'street-rollup', community: 'community-rollup', grid: 'grid-rollup-1' };
const GRIDS = [
  { gridId: DEMO.gridA1, communityId: DEMO.communityA },
  { gridId: DEMO.gridA2, communityId: DEMO.communityA },
  { gridId: DEMO.gridB1, communityId: DEMO.communityB },
  { gridId: OTHER.grid, communityId: OTHER.community },
];
const STATUSES: ReportStatus[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'recalled'];
const CATEGORIES = ['environment', 'road', 'fire', 'other'];

let t: TestRuntime;

beforeAll(async () => {
  t = await startTestRuntime();
  const store = t.runtime.store;
  await store.insert('streets', { _id: OTHER.street, name: '汇祥街道' });
  await store.insert('communities', {
    _id: OTHER.community,
    streetId: OTHER.street,
    name: '汇祥社区',
    kind: 'community',
  });
  await store.insert('grids', { _id: OTHER.grid, communityId: OTHER.community, name: '汇祥第一网格' });
});
afterAll(() => t.close());

const fold = () =>
  t.runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, null, { trigger: 'timer' }) as Promise<{
    ok: boolean;
    data: { phase: string; folded: number; done: boolean };
  }>;

async function all<T extends { _id: string }>(collection: string, filter: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: T[] = await t.runtime.store.find<T>(collection, after ? { ...filter, _id: { $gt: after } } : filter, {
      orderBy: [['_id', 'asc']],
      limit: 1000,
    });
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]?._id ?? null;
  }
}

/** Totals without their zero entries, comparable whatever way they were summed. */
function normal(t0: FigureTotals): Record<string, unknown> {
  const flat = Object.entries(t0).filter(([k, v]) => typeof v === 'number' && v !== 0 && k !== 'documents');
  const nested = (o: Record<string, number | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v));
  return { ...Object.fromEntries(flat), byStatus: nested(t0.byStatus), byCategory: nested(t0.byCategory) };
}

/** The scope's figures recomputed from the raw reports, knowing nothing of counters or snapshots. */
async function fromRaw(keep: (r: ReportDoc) => boolean, from: string, to: string) {
  const first = chinaDay(new Date(from));
  const last = chinaDay(new Date(Date.parse(to) - 1));
  const reports = (await all<ReportDoc>('reports')).filter((r) => {
    const day = chinaDay(new Date(r.createdAt));
    return day >= first && day <= last && keep(r);
  });
  return normal(sumFigures([...figuresFromReports(reports).values()]));
}

interface Scope {
  name: string;
  scope: RollupScope;
  keep: (r: ReportDoc) => boolean;
  /** The scope's live counters, for the scopes admin.figures read them for before (grid, community). */
  live?: { gridId?: string; communityIds?: string[] };
}
const COMMUNITIES = [DEMO.communityA, DEMO.communityB, OTHER.community];
/** Every level the fold writes: the city, both streets, every community and every grid. */
const SCOPES: Scope[] = [
  { name: 'city', scope: { level: 'city' }, keep: () => true },
  {
    name: '南宁街道',
    scope: { level: 'street', id: DEMO.street, communityIds: [DEMO.communityA, DEMO.communityB] },
    keep: (r) => r.communityId === DEMO.communityA || r.communityId === DEMO.communityB,
  },
  {
    name: '汇祥街道',
    scope: { level: 'street', id: OTHER.street, communityIds: [OTHER.community] },
    keep: (r) => r.communityId === OTHER.community,
  },
  ...COMMUNITIES.map((c) => ({
    name: c,
    scope: { level: 'community', id: c } as RollupScope,
    keep: (r: ReportDoc) => r.communityId === c,
    live: { communityIds: [c] },
  })),
  ...GRIDS.map((g) => ({
    name: g.gridId,
    scope: { level: 'grid', id: g.gridId } as RollupScope,
    keep: (r: ReportDoc) => r.gridId === g.gridId,
    live: { gridId: g.gridId },
  })),
];

async function expectRollupsMatchRaw(period: { from: string; to: string }): Promise<void> {
  for (const s of SCOPES) {
    const read = await readRolledFigures(t.runtime.store, s.scope, period.from, period.to);
    if (!read) throw new Error('the rollups are not in use yet');
    const raw = await fromRaw(s.keep, period.from, period.to);
    expect(normal(read), `${s.name} ${period.from}`).toEqual(raw);
    // A grid's and a community's snapshots say what their live counters say.
    if (s.live) {
      const live = await readReportFigures(t.runtime.store, s.live, period.from, period.to);
      expect(normal(read), `${s.name} live ${period.from}`).toEqual(normal(live));
    }
  }
}

type Op =
  | { kind: 'submit'; grid: number; category: number }
  | { kind: 'change'; report: number; status: number; rating: number; rework: number; escalate: boolean }
  | { kind: 'move'; report: number; grid: number; category: number }
  | { kind: 'advance'; hours: number }
  | { kind: 'fold'; twice: boolean };

const ops = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), grid: fc.nat(3), category: fc.nat(3) }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('change' as const),
        report: fc.nat(200),
        status: fc.nat(STATUSES.length - 1),
        rating: fc.nat(2),
        rework: fc.nat(2),
        escalate: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('move' as const),
        report: fc.nat(200),
        grid: fc.nat(3),
        category: fc.nat(3),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 60 }) }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('fold' as const), twice: fc.boolean() }) },
  ),
  { minLength: 10, maxLength: 40 },
);

const filed: string[] = [];
let seq = 0;
/** Changes that landed on a counter the fold had already folded (the late-change path). */
let late = 0;

/** The change a handler makes, as a handler makes it: the report and its counters in one transaction. */
async function change(id: string, edit: (r: ReportDoc) => Partial<ReportDoc>): Promise<void> {
  await t.runtime.store.runTransaction(async (tx) => {
    const before = await tx.get<ReportDoc>('reports', id);
    if (!before) return;
    const [counter] = figuresFromReports([before]).keys();
    const folded = await tx.get<ReportFigureDoc>('report_figures', counter as string);
    if (folded?.dirty === false) late += 1;
    const set = edit(before);
    await tx.updateById('reports', id, { $set: set });
    await countReportChange(tx, before, { ...before, ...set });
  });
}

async function run(op: Op): Promise<void> {
  const now = t.clock.now();
  if (op.kind === 'submit') {
    const g = GRIDS[op.grid] as (typeof GRIDS)[number];
    seq += 1;
    const doc = report(`roll-${seq}`, {
      status: 'submitted',
      createdAt: now.toISOString(),
      ...g,
      category: CATEGORIES[op.category] as string,
      responseDueAt: new Date(now.getTime() + 12 * HOUR).toISOString(),
      resolveDueAt: new Date(now.getTime() + 3 * DAY).toISOString(),
    });
    await t.runtime.store.runTransaction(async (tx) => {
      await tx.insert('reports', doc);
      await countReportChange(tx, null, doc);
    });
    filed.push(doc._id);
    return;
  }
  if (op.kind === 'advance') {
    t.clock.advance(op.hours * HOUR);
    return;
  }
  if (op.kind === 'fold') {
    expect((await fold()).ok).toBe(true);
    if (op.twice) {
      const before = await all(ROLLUP_COLLECTIONS.rollups);
      const again = await fold();
      // Re-running a fold changes nothing: nothing is owed any more.
      expect(again.data.folded).toBe(0);
      expect(await all(ROLLUP_COLLECTIONS.rollups)).toEqual(before);
    }
    // Every finished day is folded: what stays dirty is today's (the bounded part of a read).
    const today = chinaDay(t.clock.now());
    expect(await t.runtime.store.count('report_figures', { dirty: true, day: { $lt: today } })).toBe(0);
    return;
  }
  const id = filed[op.report % Math.max(1, filed.length)];
  if (!id) return;
  const at = now.toISOString();
  if (op.kind === 'move') {
    const g = GRIDS[op.grid] as (typeof GRIDS)[number];
    await change(id, () => ({ ...g, category: CATEGORIES[op.category] as string, updatedAt: at }));
    return;
  }
  // A late change: re-rated, reworked, escalated, answered, often days after the day it counts in.
  await change(id, (r) => ({
    status: STATUSES[op.status] as ReportStatus,
    rating: op.rating === 0 ? null : { satisfied: op.rating === 1, comment: null, at },
    reworkCount: r.reworkCount + op.rework,
    escalation: op.escalate ? (Math.min(2, r.escalation + 1) as ReportDoc['escalation']) : r.escalation,
    respondedAt: r.respondedAt ?? at,
    resolvedAt: STATUSES[op.status] === 'resolved' || STATUSES[op.status] === 'closed' ? at : r.resolvedAt,
    updatedAt: at,
  }));
}

describe('rollups: the (street, month/day) snapshots plan', () => {
  it('reads whole months by their month snapshot and cut months by day snapshots', () => {
    expect(rollupPlan('2028-01-01', '2028-12-31')).toEqual({
      months: Array.from({ length: 12 }, (_, i) => `2028-${String(i + 1).padStart(2, '0')}`),
      dayRanges: [],
    });
    expect(rollupPlan('2028-01-15', '2028-03-10')).toEqual({
      months: ['2028-02'],
      dayRanges: [
        { first: '2028-01-15', last: '2028-01-31' },
        { first: '2028-03-01', last: '2028-03-10' },
      ],
    });
    expect(rollupPlan('2028-02-03', '2028-02-03')).toEqual({
      months: [],
      dayRanges: [{ first: '2028-02-03', last: '2028-02-03' }],
    });
  });
});

describe('rollups: grid, community, street and city figures from the fold', () => {
  it('are read from every counter until the first fold, from the snapshots after it', async () => {
    t.clock.set(START);
    const f = await t.as('demo-admin').ok('admin', 'figures', { scope: 'city', id: 'city', ...YEAR });
    expect(f.reports.freshness).toMatchObject({ source: 'counters', foldedThrough: null });
    expect((await fold()).data).toMatchObject({ phase: 'ready', done: true });
    const g = await t.as('demo-admin').ok('admin', 'figures', { scope: 'city', id: 'city', ...YEAR });
    expect(g.reports.freshness).toMatchObject({ source: 'rollups', foldedThrough: '2028-01-27' });
    expect(g.reports.freshness.asOf).toBe(START.toISOString());
    expect(g.reports.freshness.label).toBe('截至 09:00');
    expect(g.reports.total).toBe(f.reports.total);
    const street = await t.as('demo-admin').ok('admin', 'figures', { scope: 'street', id: DEMO.street, ...YEAR });
    expect(street.reports.freshness.source).toBe('rollups');
    // A community's and a grid's view read their own snapshots too (issue 19: their live counters
    // grow with the reports until every shard of every grid-day exists).
    for (const [scope, id] of [
      ['community', DEMO.communityA],
      ['grid', DEMO.gridA1],
    ] as const) {
      const own = await t.as('demo-staff').ok('admin', 'figures', { scope, id, ...YEAR });
      expect(own.reports.freshness.source, scope).toBe('rollups');
    }
  });

  it('equal a recompute from the raw reports after random changes over days and grids, folded at random points', async () => {
    await fc.assert(
      fc.asyncProperty(ops, fc.nat(27), async (sequence, cut) => {
        for (const op of sequence) await run(op);
        await expectRollupsMatchRaw(YEAR);
        // A period that cuts months at both ends reads day snapshots for the cut parts.
        const from = new Date(Date.parse('2028-01-02T00:00:00+08:00') + cut * DAY).toISOString();
        const to = new Date(Date.parse('2028-03-05T00:00:00+08:00') + cut * DAY).toISOString();
        await expectRollupsMatchRaw({ from, to });
      }),
      { numRuns: 25, seed: 1919 },
    );
    // The sequences made late changes to folded days, or the property proved little.
    expect(late).toBeGreaterThan(10);
    for (const [level, holder] of [
      ['street', OTHER.street],
      ['community', OTHER.community],
      ['grid', OTHER.grid],
    ])
      expect(await all(ROLLUP_COLLECTIONS.rollups, { kind: 'month', level, holder }), level).not.toHaveLength(0);
    // And the answer through admin.figures is the same numbers.
    const f = await t.as('demo-admin').ok('admin', 'figures', { scope: 'city', id: 'city', ...YEAR });
    const raw = await fromRaw(() => true, YEAR.from, YEAR.to);
    expect(f.reports.total).toBe(raw.total ?? 0);
    expect(f.reports.freshness.source).toBe('rollups');
    const grid = await t.as('demo-staff').ok('admin', 'figures', { scope: 'grid', id: DEMO.gridA2, ...YEAR });
    expect(grid.reports.total).toBe((await fromRaw((r) => r.gridId === DEMO.gridA2, YEAR.from, YEAR.to)).total ?? 0);
  }, 180_000);

  it('read a bounded number of documents for the city, a community and a grid however many grid-days they have', async () => {
    const reports: ReportDoc[] = [];
    for (let i = 0; i < 3_000; i += 1) {
      const g = GRIDS[i % GRIDS.length] as (typeof GRIDS)[number];
      const createdAt = new Date(Date.parse('2028-06-01T09:00:00+08:00') + (i % 150) * DAY).toISOString();
      reports.push(report(`bulk-${i}`, { status: 'closed', createdAt, ...g, gridId: `${g.gridId}`, category: 'road' }));
    }
    await t.runtime.store.runTransaction(async (tx) => {
      for (const r of reports) await tx.insert('reports', r);
      for (const d of figuresFromReports(reports).values()) await tx.insert('report_figures', d);
    });
    t.clock.set(new Date('2028-12-01T09:00:00+08:00'));
    const bounded: Scope[] = [SCOPES[0] as Scope, ...SCOPES.filter((s) => s.live)];
    const live = await readRolledFigures(t.runtime.store, { level: 'city' }, YEAR.from, YEAR.to);
    expect(live?.documents).toBeGreaterThan(3_000);
    const community = await readRolledFigures(
      t.runtime.store,
      { level: 'community', id: DEMO.communityA },
      YEAR.from,
      YEAR.to,
    );
    expect(community?.documents).toBeGreaterThan(1_000);
    let done = false;
    while (!done) done = (await fold()).data.done;
    // Each holder's own 12 month snapshots (nothing of today is dirty here), whatever its grid-days.
    for (const s of bounded) {
      const read = await readRolledFigures(t.runtime.store, s.scope, YEAR.from, YEAR.to);
      expect(read?.documents, s.name).toBeLessThanOrEqual(12);
      expect(read?.total, s.name).toBe((await fromRaw(s.keep, YEAR.from, YEAR.to)).total);
    }
    expect(reportContribution(reports[0] as ReportDoc).total).toBe(1);
  });

  it('only the platform timer folds: signed-in callers are refused', async () => {
    for (const openid of ['demo-admin', 'demo-staff', 'demo-resident']) {
      const res = await t.as(openid).call('admin', 'figures.fold', {});
      expect(res.ok === false && res.error.code, openid).toBe('FORBIDDEN');
    }
    const snapshots = await all(ROLLUP_COLLECTIONS.rollups);
    const forged = await t.runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, 'demo-admin');
    expect(forged.ok).toBe(false);
    expect(await all(ROLLUP_COLLECTIONS.rollups)).toEqual(snapshots);
  });
});
