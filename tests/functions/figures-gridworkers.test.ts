import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { report } from './figures.support';

let t: TestRuntime;
const APRIL = { from: '2027-04-01T00:00:00+08:00', to: '2027-05-01T00:00:00+08:00' };
const at = (day: number, hour: number) => new Date(Date.UTC(2027, 3, day, hour - 8)).toISOString();

beforeAll(async () => {
  t = await startTestRuntime();
  const store = t.runtime.store;
  // 潇湘第二网格 gets a second worker (the volunteer persona) so there is a ranking to check.
  await store.updateById('grids', DEMO.gridA2, { $set: { workerUserId: 'user-volunteer' } });
  const mine = { assigneeUserId: 'user-gridworker', responseDueAt: at(2, 12), resolveDueAt: at(5, 12) };
  const ok = { satisfied: true, comment: null, at: at(6, 9) };
  const reports = [
    // on time, on time, satisfied
    report('gw-1', {
      ...mine,
      status: 'closed',
      createdAt: at(2, 9),
      respondedAt: at(2, 10),
      resolvedAt: at(4, 9),
      rating: ok,
    }),
    // on time, late, satisfied
    report('gw-2', {
      ...mine,
      status: 'closed',
      createdAt: at(2, 9),
      respondedAt: at(2, 10),
      resolvedAt: at(6, 9),
      rating: ok,
    }),
    // late, on time, unsatisfied once (rework)
    report('gw-3', {
      ...mine,
      status: 'rework',
      createdAt: at(2, 9),
      respondedAt: at(3, 9),
      resolvedAt: at(4, 9),
      rating: { ...ok, satisfied: false },
      reworkCount: 1,
    }),
    // on time, still working
    report('gw-4', { ...mine, status: 'in_progress', createdAt: at(2, 9), respondedAt: at(2, 11) }),
    // not yet responded
    report('gw-5', { ...mine, status: 'dispatched', createdAt: at(2, 9) }),
    // March: outside the period
    report('gw-old', { ...mine, status: 'dispatched', createdAt: '2027-03-02T09:00:00+08:00' }),
  ];
  for (let i = 0; i < 5; i++) {
    reports.push(
      report(`gv-${i}`, {
        assigneeUserId: 'user-volunteer',
        gridId: DEMO.gridA2,
        status: 'closed',
        createdAt: at(10, 9),
        responseDueAt: at(10, 12),
        resolveDueAt: at(12, 12),
        respondedAt: at(10, 10),
        resolvedAt: at(11, 10),
        rating: ok,
      }),
    );
  }
  for (const r of reports) await store.insert('reports', r);
});
afterAll(() => t.close());

describe('admin.gridworkers.rank', () => {
  it('scores each grid worker with the breakdown, best first, titles by the published thresholds', async () => {
    const res = await t.as('demo-staff').ok('admin', 'gridworkers.rank', { communityId: DEMO.communityA, ...APRIL });
    expect(res.items.map((r) => [r.rank, r.userId, r.score, r.title])).toEqual([
      [1, 'user-volunteer', 100, '金牌网格员'],
      [2, 'user-gridworker', 68, null],
    ]);
    const gw = res.items[1];
    expect(gw?.reports).toBe(5);
    expect(gw?.grids).toEqual(['潇湘第一网格']);
    // 3/4 responded on time → 30 of 40; 2/3 resolved on time → 20 of 30; 2/3 satisfied → 20 of 30; one rework −2.
    expect(gw?.lines.map((l) => [l.key, l.basis, l.points])).toEqual([
      ['response', '按时响应 3/4', 30],
      ['resolution', '按时办结 2/3', 20],
      ['satisfaction', '满意 2/3', 20],
      ['rework', '退回重办 1 次', -2],
    ]);
  });

  it("is for the community's own staff and admins only", async () => {
    const other = await t
      .as('demo-staff')
      .call('admin', 'gridworkers.rank', { communityId: DEMO.communityB, ...APRIL });
    expect(other.ok ? 'ok' : other.error.code).toBe('FORBIDDEN');
    const gw = await t
      .as('demo-gridworker')
      .call('admin', 'gridworkers.rank', { communityId: DEMO.communityA, ...APRIL });
    expect(gw.ok ? 'ok' : gw.error.code).toBe('FORBIDDEN');
    const admin = await t.as('demo-admin').ok('admin', 'gridworkers.rank', { communityId: DEMO.communityA, ...APRIL });
    expect(admin.items).toHaveLength(2);
  });
});
