import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTER_COLLECTIONS } from '../../cloudfunctions/_core/domain/figures/counters';
import { ROLLUP_COLLECTIONS } from '../../cloudfunctions/_core/domain/figures/rollups';
import { REPORT_COLLECTIONS } from '../../cloudfunctions/_core/domain/reports/types';
import { figuresFromReports } from '../../cloudfunctions/_core/ledger/reportFigures';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { NOW, PERIOD, report, seedFigures } from './figures.support';

const YEAR = { from: '2027-01-01T00:00:00+08:00', to: '2028-01-01T00:00:00+08:00' };
/** Every counter and snapshot collection admin.figures.rebuild recomputes. */
const WIPED = [
  REPORT_COLLECTIONS.figures,
  COUNTER_COLLECTIONS.timebank,
  COUNTER_COLLECTIONS.council,
  COUNTER_COLLECTIONS.opinions,
  ROLLUP_COLLECTIONS.rollups,
];

let t: TestRuntime;

beforeAll(async () => {
  t = await startTestRuntime();
  await seedFigures(t.runtime.store);
  t.clock.set(NOW);
  // Snapshots in use before the wipe, so the rebuild has to bring them back too.
  const folded = await t.runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, null, {
    trigger: 'timer',
  });
  expect(folded.ok).toBe(true);
});
afterAll(() => t.close());

const SCOPES = [
  { who: 'demo-admin', scope: 'city', id: 'city' },
  { who: 'demo-admin', scope: 'street', id: DEMO.street },
  { who: 'demo-staff', scope: 'community', id: DEMO.communityA },
  { who: 'demo-admin', scope: 'community', id: DEMO.communityB },
  { who: 'demo-staff', scope: 'grid', id: DEMO.gridA1 },
] as const;

/** Every scope's figures over a cut period and a whole year, freshness aside (it names the source). */
async function everything(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const s of SCOPES) {
    for (const period of [PERIOD, YEAR]) {
      const f = await t.as(s.who).ok('admin', 'figures', { scope: s.scope, id: s.id, ...period });
      const { freshness: _f, ...reports } = f.reports;
      out.push({ ...f, reports });
    }
  }
  return out;
}

/** Where each scope's report figures came from (freshness.source). */
async function sources(): Promise<string[]> {
  const out: string[] = [];
  for (const s of SCOPES) {
    const f = await t.as(s.who).ok('admin', 'figures', { scope: s.scope, id: s.id, ...YEAR });
    out.push(`${s.scope} ${s.id}: ${f.reports.freshness.source}`);
  }
  return out;
}
const every = (source: string) => SCOPES.map((s) => `${s.scope} ${s.id}: ${source}`);

async function wipe(): Promise<void> {
  const store = t.runtime.store;
  for (const collection of WIPED) {
    for (;;) {
      const page = await store.find<{ _id: string }>(collection, {}, { limit: 1000 });
      if (page.length === 0) break;
      for (const d of page) await store.removeById(collection, d._id);
    }
  }
}

async function rebuild(maxSteps: number): Promise<number> {
  let cursor: string | undefined;
  for (let calls = 1; calls < 500; calls += 1) {
    const r = await t.as('demo-admin').ok('admin', 'figures.rebuild', { ...(cursor ? { cursor } : {}), maxSteps });
    if (r.done) return calls;
    cursor = r.cursor ?? undefined;
  }
  throw new Error('the rebuild never finished');
}

describe('admin.figures.rebuild', () => {
  it('recomputes every counter and snapshot from the raw documents after a wipe, in resumable calls', async () => {
    const before = await everything();
    type City = {
      reports: { total: number };
      volunteers: { volunteers: number };
      council: { meetingsHeld: number; opinions: { open: number } };
    };
    const city = before[1] as City;
    // Every kind of counter has something to lose, or the comparison proves little.
    expect(city.reports.total).toBeGreaterThan(0);
    expect(city.volunteers.volunteers).toBeGreaterThan(0);
    expect(city.council.meetingsHeld).toBeGreaterThan(0);
    expect(city.council.opinions.open).toBeGreaterThan(0);
    await wipe();
    const wiped = (await everything())[1] as City;
    expect([wiped.reports.total, wiped.volunteers.volunteers, wiped.council.meetingsHeld]).toEqual([0, 0, 0]);
    expect(wiped.council.opinions.open).toBe(0);
    // Small steps: the rebuild must hand back a cursor and pick up where it stopped.
    const calls = await rebuild(2);
    expect(calls).toBeGreaterThan(3);
    expect(await everything()).toEqual(before);
    // Every level is back: grids and communities read their snapshots as the street and city do.
    expect(await sources()).toEqual(every('rollups'));
  });

  it('is idempotent: a second rebuild, or a call repeated with an old cursor, changes nothing', async () => {
    const before = await everything();
    const counters = await t.runtime.store.find(
      REPORT_COLLECTIONS.figures,
      {},
      { orderBy: [['_id', 'asc']], limit: 1000 },
    );
    await rebuild(50);
    expect(await everything()).toEqual(before);
    const first = await t.as('demo-admin').ok('admin', 'figures.rebuild', { maxSteps: 3 });
    const cursor = first.cursor as string;
    await t.as('demo-admin').ok('admin', 'figures.rebuild', { cursor, maxSteps: 3 });
    await t.as('demo-admin').ok('admin', 'figures.rebuild', { cursor, maxSteps: 3 });
    let next: string | null = cursor;
    while (next) next = (await t.as('demo-admin').ok('admin', 'figures.rebuild', { cursor: next, maxSteps: 5 })).cursor;
    expect(await everything()).toEqual(before);
    // That rebuild is over: its cursor cannot reset counters the snapshots now hold.
    const replay = await t.as('demo-admin').call('admin', 'figures.rebuild', { cursor: 'reports|', maxSteps: 3 });
    expect(replay.ok === false && replay.error.code).toBe('CONFLICT');
    expect(await everything()).toEqual(before);
    const again = await t.runtime.store.find(
      REPORT_COLLECTIONS.figures,
      {},
      { orderBy: [['_id', 'asc']], limit: 1000 },
    );
    expect(again.map((d) => d._id)).toEqual(counters.map((d) => d._id));
  });

  it('an environment folded before grid and community snapshots reads live counters until the rebuild brings every level', async () => {
    const store = t.runtime.store;
    const before = await everything();
    expect(await sources()).toEqual(every('rollups'));
    // What the older fold left: street and city snapshots only, under `streetId`, and a state
    // without `levels`.
    type Snapshot = { _id: string; level: string; holder: string; kind: string; period: string };
    const snapshots = await store.find<Snapshot>(ROLLUP_COLLECTIONS.rollups, {}, { limit: 1000 });
    expect(snapshots.some((d) => d.level === 'grid') && snapshots.some((d) => d.level === 'community')).toBe(true);
    for (const { _id, level, holder, ...rest } of snapshots) {
      await store.removeById(ROLLUP_COLLECTIONS.rollups, _id);
      if (level === 'street' || level === 'city')
        await store.insert(ROLLUP_COLLECTIONS.rollups, { ...rest, _id: `${holder}|${rest.period}`, streetId: holder });
    }
    await store.updateById(ROLLUP_COLLECTIONS.state, 'reports', { $unset: { levels: '' } });
    // Nothing reads a snapshot it does not have as zero: every scope reads its live counters.
    expect(await everything()).toEqual(before);
    expect(await sources()).toEqual(every('counters'));
    // The fold waits for the rebuild rather than add into snapshots of an older shape.
    const legacy = await store.find(ROLLUP_COLLECTIONS.rollups, {}, { orderBy: [['_id', 'asc']], limit: 1000 });
    const folded = await t.runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, null, {
      trigger: 'timer',
    });
    expect(folded.ok && folded.data).toMatchObject({ phase: 'rebuild', folded: 0, done: false });
    expect(await store.find(ROLLUP_COLLECTIONS.rollups, {}, { orderBy: [['_id', 'asc']], limit: 1000 })).toEqual(
      legacy,
    );
    await rebuild(50);
    expect(await everything()).toEqual(before);
    expect(await sources()).toEqual(every('rollups'));
    expect(await store.count(ROLLUP_COLLECTIONS.rollups, { streetId: { $exists: true } })).toBe(0);
    expect(await store.get(ROLLUP_COLLECTIONS.state, 'reports')).toMatchObject({
      phase: 'ready',
      levels: ['city', 'street', 'community', 'grid'],
    });
  });

  it("sums a grid's reports across many pages into the same counters (shards meet again on later pages)", async () => {
    const store = t.runtime.store;
    const reports = Array.from({ length: 2_100 }, (_, i) =>
      report(`rebuild-many-${String(i).padStart(4, '0')}`, {
        status: i % 3 === 0 ? 'closed' : 'submitted',
        createdAt: `2027-06-0${(i % 3) + 1}T09:00:00+08:00`,
        gridId: DEMO.gridB1,
        communityId: DEMO.communityB,
      }),
    );
    await store.runTransaction(async (tx) => {
      for (const r of reports) await tx.insert('reports', r);
      for (const d of figuresFromReports(reports).values()) {
        const have = await tx.get(REPORT_COLLECTIONS.figures, d._id);
        if (!have) await tx.insert(REPORT_COLLECTIONS.figures, d);
      }
    });
    await rebuild(50);
    const june = { from: '2027-06-01T00:00:00+08:00', to: '2027-07-01T00:00:00+08:00' };
    const f = await t.as('demo-admin').ok('admin', 'figures', { scope: 'grid', id: DEMO.gridB1, ...june });
    expect(f.reports.total).toBe(2_100);
    expect(f.reports.byStatus.closed).toBe(700);
  });

  it('is for an admin of every community, refuses a bad cursor, and leaves an audit entry', async () => {
    const staff = await t.as('demo-staff').call('admin', 'figures.rebuild', {});
    expect(staff.ok === false && staff.error.code).toBe('FORBIDDEN');
    const resident = await t.as('demo-resident').call('admin', 'figures.rebuild', {});
    expect(resident.ok === false && resident.error.code).toBe('FORBIDDEN');
    const bad = await t.as('demo-admin').call('admin', 'figures.rebuild', { cursor: 'nonsense|x' });
    expect(bad.ok === false && bad.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: '游标无效，请不带游标重新开始',
    });
    const audit = await t.runtime.store.find<{ _id: string; action: string; actorUserId: string }>(
      'audit',
      { action: 'admin.figures.rebuild' },
      { limit: 500 },
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.actorUserId === 'user-admin')).toBe(true);
  });
});
