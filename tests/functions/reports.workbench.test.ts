import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { codeOf, reportInput } from './reports.support';

// Staff tools on a report: one-tap 受理, dispatch to the report's own grid first, no 我也遇到 for its handlers.
describe('reports for the workbench', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it('受理 with start goes straight to 办理中, with both steps on the timeline', async () => {
    const r = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    const taken = await t.as('demo-gridworker').ok('reports', 'accept', { reportId: r.id, start: true });
    expect(taken.status).toBe('in_progress');
    const detail = await t.as('demo-gridworker').ok('reports', 'get', { reportId: r.id });
    expect(detail.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['accept', 'start']));
    // Without start, as before: accepted only.
    const other = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    expect((await t.as('demo-gridworker').ok('reports', 'accept', { reportId: other.id })).status).toBe('accepted');
  });

  it('dispatch offers the workers of the report’s own grid first (the seed has one for 第二网格)', async () => {
    // No test-made worker: the demo seed itself gives 潇湘第二网格 周网格 as its full-time worker.
    const grid2 = await t.runtime.store.get<{ _id: string; workerUserId?: string }>('grids', DEMO.gridA2);
    expect(grid2?.workerUserId).toBe('user-gridworker2');
    const forGrid2 = await t.as('demo-staff').ok('reports', 'workers', { gridId: DEMO.gridA2 });
    expect(forGrid2.items[0]).toMatchObject({ userId: 'user-gridworker2', ownGrid: true });
    expect(forGrid2.gridHasWorker).toBe(true);
    expect(forGrid2.items.map((w) => w.userId)).toContain('user-gridworker');
    const forGrid1 = await t.as('demo-staff').ok('reports', 'workers', { gridId: DEMO.gridA1 });
    expect(forGrid1.items[0]).toMatchObject({ userId: 'user-gridworker', ownGrid: true });
    // A report of grid 2 is dispatched to grid 2's worker, who finds it on their workbench and accepts it.
    const r = await t.as('demo-volunteer').ok('reports', 'submit', await reportInput(t, {}, 'demo-volunteer'));
    const dispatched = await t
      .as('demo-staff')
      .ok('reports', 'dispatch', { reportId: r.id, assigneeUserId: 'user-gridworker2' });
    expect(dispatched.status).toBe('dispatched');
    const bench = await t.as('demo-gridworker2').ok('admin', 'workbench', {});
    const reports = bench.kinds.find((k) => k.kind === 'reports');
    expect(reports?.items.map((i) => i.id)).toContain(r.id);
    const first = await t.as('demo-gridworker').ok('admin', 'workbench', {});
    expect(first.kinds.find((k) => k.kind === 'reports')?.items.map((i) => i.id) ?? []).not.toContain(r.id);
    expect((await t.as('demo-gridworker2').ok('reports', 'accept', { reportId: r.id })).status).toBe('accepted');
  });

  it('我也遇到 is not offered to, nor taken from, the worker or staff handling the report', async () => {
    const r = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    const asWorker = await t.as('demo-gridworker').ok('reports', 'get', { reportId: r.id });
    expect(asWorker.canMeToo).toBe(false);
    expect(codeOf(await t.as('demo-gridworker').call('reports', 'meToo', { reportId: r.id }))).toBe('FORBIDDEN');
    expect((await t.as('demo-staff').ok('reports', 'get', { reportId: r.id })).canMeToo).toBe(false);
    expect((await t.as('demo-resident').ok('reports', 'get', { reportId: r.id })).canMeToo).toBe(false);
    const neighbour = await t.as('demo-volunteer').ok('reports', 'get', { reportId: r.id });
    expect(neighbour.canMeToo).toBe(true);
    await t.as('demo-volunteer').ok('reports', 'meToo', { reportId: r.id });
    expect((await t.as('demo-volunteer').ok('reports', 'get', { reportId: r.id })).canMeToo).toBe(false);
  });
});
