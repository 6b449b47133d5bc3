import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { distanceToPolygon, type GeoPolygon, locateGrid, pointInPolygon } from '../../cloudfunctions/_core/domain/geo';
import {
  CASE_SHARDS,
  caseCounterId,
  caseShardOf,
  caseStages,
  normalizeCaseNumber,
} from '../../cloudfunctions/_core/domain/reports/case';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { DEMO } from '../../local/seed';
import { GRID_SHAPES } from '../../local/seeds/places';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { photo, reportInput } from './reports.support';

const HOUR = 3600_000;
/** Inside 潇湘第二网格, outside every grid (west of the first), and inside 翠峰 (another community). */
const IN_A2 = { latitude: 28.2285, longitude: 112.943 };
const WEST_OF_A1 = { latitude: 28.2283, longitude: 112.936 };
const IN_B1 = { latitude: 28.2295, longitude: 112.952 };

describe('geo: which grid a point lies in (pure)', () => {
  const square: GeoPolygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [0.4, 0.4],
        [0.6, 0.4],
        [0.6, 0.6],
        [0.4, 0.6],
        [0.4, 0.4],
      ],
    ],
  };
  it('inside, outside, on an edge, in a hole', () => {
    expect(pointInPolygon({ longitude: 0.2, latitude: 0.2 }, square)).toBe(true);
    expect(pointInPolygon({ longitude: 1.2, latitude: 0.2 }, square)).toBe(false);
    expect(pointInPolygon({ longitude: 0, latitude: 0.5 }, square)).toBe(true);
    expect(pointInPolygon({ longitude: 0.5, latitude: 0.5 }, square)).toBe(false);
  });

  it('the demo grids: each point lands in exactly the grid that contains it; outside → the nearest', () => {
    const grids = Object.entries(GRID_SHAPES).map(([id, s]) => ({ id, boundary: s.boundary }));
    expect(locateGrid(IN_A2, grids)).toMatchObject({ grid: { id: DEMO.gridA2 }, inside: true, distanceMetres: 0 });
    const west = locateGrid(WEST_OF_A1, grids);
    expect(west).toMatchObject({ grid: { id: DEMO.gridA1 }, inside: false });
    // 0.0014° of longitude at 28° N is about 137 m.
    expect(west?.distanceMetres).toBeGreaterThan(120);
    expect(west?.distanceMetres).toBeLessThan(150);
    expect(locateGrid(IN_A2, [{ id: 'none', boundary: null }])).toBeNull();
  });

  it('property: a point inside is at distance 0, one outside at a positive distance', () => {
    const a1 = GRID_SHAPES[DEMO.gridA1]?.boundary as GeoPolygon;
    fc.assert(
      fc.property(
        fc.double({ min: 28.22, max: 28.235, noNaN: true }),
        fc.double({ min: 112.935, max: 112.945, noNaN: true }),
        (latitude, longitude) => {
          const inside = pointInPolygon({ latitude, longitude }, a1);
          const d = distanceToPolygon({ latitude, longitude }, a1);
          return inside ? d === 0 : d > 0;
        },
      ),
    );
  });

  it('case numbers typed over the phone are normalised', () => {
    expect(normalizeCaseNumber(' xx－20261201 —0042 ')).toBe('XX-20261201-0042');
  });

  it('stages: rework reopens 办理 and the later stages', () => {
    const e = (action: string, at: string, toStatus: string | null = null) =>
      ({ action, at, toStatus }) as Parameters<typeof caseStages>[1][number];
    const events = [
      e('submit', 't0'),
      e('accept', 't1'),
      e('start', 't2'),
      e('resolve', 't3'),
      e('rate', 't4', 'rework'),
    ];
    expect(caseStages({ status: 'rework' }, events).map((s) => [s.label, s.at, s.state])).toEqual([
      ['受理', 't1', 'done'],
      ['办理', 't4', 'done'],
      ['办结', null, 'current'],
      ['评价', null, 'waiting'],
    ]);
    const closed = [...events, e('start', 't5'), e('resolve', 't6'), e('rate', 't7', 'closed')];
    expect(caseStages({ status: 'closed' }, closed).map((s) => s.at)).toEqual(['t1', 't5', 't6', 't7']);
  });
});

describe('reports: 工单编号, stages, five-level rating, grid from the place (real handlers)', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });
  const resident = () => t.as('demo-resident');
  const staff = () => t.as('demo-staff');
  const worker = () => t.as('demo-gridworker');

  const chinaDayCompact = () =>
    new Date(t.clock.now().getTime() + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');

  it('each report gets the next 工单编号 of its community and day, shown to the reporter and found by staff', async () => {
    const first = await resident().ok('reports', 'submit', await reportInput(t));
    const second = await t
      .as('demo-volunteer')
      .ok('reports', 'submit', await reportInput(t, { photos: [await photo(t, 'demo-volunteer')] }));
    const day = chinaDayCompact();
    expect(first.caseNo).toMatch(new RegExp(`^XX-${day}-\\d{4}$`));
    // Each report draws from its id's sequence (a hundred a day, so a burst does not meet on one
    // document): the first two digits name the sequence, the rest counts in it.
    expect(first.caseNo.slice(-4, -2)).toBe(String(caseShardOf(first.id)).padStart(2, '0'));
    expect(second.caseNo.slice(-4, -2)).toBe(String(caseShardOf(second.id)).padStart(2, '0'));
    expect(second.caseNo).not.toBe(first.caseNo);
    // The number is the sequence's count: a report continues whichever sequence its id picks.
    const dayIso = new Date(t.clock.now().getTime() + 8 * HOUR).toISOString().slice(0, 10);
    for (let shard = 0; shard < CASE_SHARDS; shard++) {
      const id = caseCounterId(DEMO.communityA, dayIso, shard);
      if (!(await t.runtime.store.updateById(REPORT_COLLECTIONS.caseCounters, id, { $set: { count: 41 } }))) {
        await t.runtime.store.insert(REPORT_COLLECTIONS.caseCounters, {
          _id: id,
          communityId: DEMO.communityA,
          day: dayIso,
          shard,
          count: 41,
        });
      }
    }
    const third = await t
      .as('demo-sage')
      .ok('reports', 'submit', await reportInput(t, { photos: [await photo(t, 'demo-sage')] }));
    expect(third.caseNo).toBe(`XX-${day}-${String(caseShardOf(third.id)).padStart(2, '0')}42`);
    expect((await resident().ok('reports', 'get', { reportId: first.id })).caseNo).toBe(first.caseNo);
    expect((await resident().ok('reports', 'mine', {})).items.find((r) => r.id === first.id)?.caseNo).toBe(
      first.caseNo,
    );
    // Staff search by the number as a caller reads it out, whatever its status.
    const typed = first.caseNo.toLowerCase().replaceAll('-', ' - ');
    const found = await staff().ok('reports', 'queue', { caseNo: typed.replace(/ /g, '') });
    expect(found.items.map((r) => r.id)).toEqual([first.id]);
    await resident().ok('reports', 'recall', { reportId: first.id });
    expect((await staff().ok('reports', 'queue', { caseNo: first.caseNo })).items.map((r) => r.id)).toEqual([first.id]);
    // Another community's staff cannot find it.
    const other = await t
      .as('demo-admin')
      .call('reports', 'queue', { caseNo: first.caseNo, communityId: DEMO.communityB });
    expect(other.ok ? other.data.items : []).toEqual([]);
    // A new day starts every sequence again at 01.
    t.clock.advance(24 * HOUR);
    const tomorrow = await resident().ok('reports', 'submit', await reportInput(t));
    expect(tomorrow.caseNo).toBe(`XX-${chinaDayCompact()}-${String(caseShardOf(tomorrow.id)).padStart(2, '0')}01`);
  });

  it('a retried submission (same key) keeps its number; parallel submissions never share one', async () => {
    const input = await reportInput(t, { idempotencyKey: 'draft-key-0001' });
    const [a, b] = await Promise.all([
      resident().ok('reports', 'submit', input),
      resident().ok('reports', 'submit', input),
    ]);
    expect(a.caseNo).toBe(b.caseNo);
    const others = await Promise.all(
      ['demo-volunteer', 'demo-sage', 'demo-gridworker'].map(async (who) =>
        t.as(who).ok('reports', 'submit', await reportInput(t, { photos: [await photo(t, who)] })),
      ),
    );
    const numbers = [a.caseNo, ...others.map((o) => o.caseNo)];
    expect(new Set(numbers).size).toBe(numbers.length);
    const stored = await t.runtime.store.find<ReportDoc>(REPORT_COLLECTIONS.reports, { caseNo: { $in: numbers } });
    expect(stored).toHaveLength(numbers.length);
  });

  const resolvedReport = async () => {
    const { id } = await resident().ok('reports', 'submit', await reportInput(t));
    t.clock.advance(HOUR);
    await worker().ok('reports', 'accept', { reportId: id });
    t.clock.advance(HOUR);
    await worker().ok('reports', 'start', { reportId: id });
    t.clock.advance(HOUR);
    await worker().ok('reports', 'resolve', {
      reportId: id,
      answer: '已清运，并加了一个垃圾桶。',
      photos: [await photo(t, 'demo-gridworker')],
    });
    return id;
  };

  it('stages carry their times; 基本满意 (3) closes with satisfied kept for the figures', async () => {
    const id = await resolvedReport();
    let detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.stages.map((s) => [s.label, s.state])).toEqual([
      ['受理', 'done'],
      ['办理', 'done'],
      ['办结', 'done'],
      ['评价', 'current'],
    ]);
    expect(detail.stages[0]?.at).toBe(detail.sla.respondedAt);
    t.clock.advance(HOUR);
    await resident().ok('reports', 'rate', { reportId: id, score: 3 });
    detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.status).toBe('closed');
    expect(detail.rating).toMatchObject({ score: 3, satisfied: true, label: '基本满意', comment: null });
    expect(detail.stages.every((s) => s.state === 'done' && s.at !== null)).toBe(true);
    const stored = await t.runtime.store.get<ReportDoc>(REPORT_COLLECTIONS.reports, id);
    expect(stored?.rating).toMatchObject({ score: 3, satisfied: true });
  });

  it('不满意 / 非常不满意 need a reason and send the case back; bad scores are refused and change nothing', async () => {
    const id = await resolvedReport();
    for (const score of [0, 6, 2.5]) {
      const r = await resident().call('reports', 'rate', { reportId: id, score });
      expect(r.ok ? 'OK' : r.error.code).toBe('INVALID_INPUT');
    }
    const noReason = await resident().call('reports', 'rate', { reportId: id, score: 1 });
    expect(noReason.ok ? 'OK' : noReason.error.message).toBe('请说明不满意的原因，便于网格员重新办理');
    // Nobody else may rate it.
    const byWorker = await worker().call('reports', 'rate', { reportId: id, score: 5 });
    expect(byWorker.ok ? 'OK' : byWorker.error.code).toBe('FORBIDDEN');
    expect((await resident().ok('reports', 'get', { reportId: id })).status).toBe('resolved');
    await resident().ok('reports', 'rate', { reportId: id, score: 1, comment: '垃圾还在' });
    const detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.status).toBe('rework');
    expect(detail.rating).toMatchObject({ score: 1, satisfied: false, label: '非常不满意', comment: '垃圾还在' });
    expect(detail.timeline.at(-1)?.note).toBe('非常不满意：垃圾还在');
    expect(detail.stages.map((s) => s.state)).toEqual(['done', 'done', 'current', 'waiting']);
    // The grid worker is told the level and the reason, in full, as a finished sentence.
    const told = await t.runtime.store.find<{ _id: string; body: string }>('messages', {
      userId: 'user-gridworker',
      title: '工单被退回重办',
    });
    expect(told.map((m) => m.body)).toEqual(['居民评价非常不满意：垃圾还在。']);
  });

  it('the grid comes from the place: inside a grid, or the nearest one with the distance said', async () => {
    const inA2 = await resident().ok(
      'reports',
      'submit',
      await reportInput(t, { location: { address: '5 栋 1 单元', ...IN_A2 } }),
    );
    expect(inA2).toMatchObject({ gridId: DEMO.gridA2, gridName: '潇湘第二网格', placement: { inside: true } });
    const west = await resident().ok(
      'reports',
      'submit',
      await reportInput(t, { location: { address: '潇湘路西', ...WEST_OF_A1 } }),
    );
    expect(west.placement).toMatchObject({ gridId: DEMO.gridA1, inside: false });
    // A point in another community's grid stays in the reporter's community (the nearest of its grids).
    const far = await resident().ok(
      'reports',
      'submit',
      await reportInput(t, { location: { address: '翠峰那边', ...IN_B1 } }),
    );
    expect(far.gridId).toBe(DEMO.gridA2);
    // The grid chosen by hand wins over the coordinates.
    const chosen = await resident().ok(
      'reports',
      'submit',
      await reportInput(t, { gridId: DEMO.gridA1, location: { address: '5 栋', ...IN_A2 } }),
    );
    expect(chosen).toMatchObject({ gridId: DEMO.gridA1, placement: null });

    const located = await resident().ok('reports', 'locate', WEST_OF_A1);
    expect(located.message).toMatch(/^位置不在本社区任何网格内，已归入最近的潇湘第一网格（约 1\d\d 米）$/);
    expect((await resident().ok('reports', 'locate', IN_A2)).message).toBe('位置在潇湘第二网格内');
    const places = await resident().ok('reports', 'places', {});
    expect(places.items.map((g) => g.name)).toEqual(['潇湘第一网格', '潇湘第二网格']);
    expect(places.items[0]?.addresses).toContain('1 栋 1 单元');
    expect(places.items[0]?.boundary?.coordinates[0]?.length).toBeGreaterThan(3);
    const foreign = await resident().call('reports', 'places', { communityId: DEMO.communityB });
    expect(foreign.ok ? 'OK' : foreign.error.code).toBe('FORBIDDEN');
    const detail = await resident().ok('reports', 'get', { reportId: inA2.id });
    expect(detail.gridBoundary?.type).toBe('Polygon');
    expect(detail.location).toMatchObject(IN_A2);
  });
});
