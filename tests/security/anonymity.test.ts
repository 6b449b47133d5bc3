import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { addPerson, codeOf, reportInput } from '../functions/reports.support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Findings 1 and 8: an anonymous reporter's identity and exact position reach only the reporter,
// the community's staff and the grid worker who must act on the report (assigned to them, or on
// their grid while unassigned). reports.duplicates answers only for the caller's community.
const EXACT = { address: '潇湘社区 7 栋 2 单元 301 室门口', latitude: 28.23456, longitude: 112.91234 };
// Matched on the address's own words, not a bare '301': report ids and case numbers (e.g. XX-20261201-1301)
// are random digits that may contain it.
const leaksPlace = (raw: string) =>
  raw.includes('301 室') || raw.includes('28.23456') || raw.includes('112.91234') || raw.includes('7 栋');

describe('anonymity and community scope of reports', () => {
  let t: TestRuntime;
  let anonymousId: string;
  beforeAll(async () => {
    t = await startTestRuntime();
    await addPerson(t, 'wx-cuifeng-probe', {
      nickname: '翠峰居民',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [{ role: 'resident', communityId: DEMO.communityB }],
    });
    await addPerson(t, 'wx-gridworker-2', {
      nickname: '第二网格员',
      phone: '13700000002',
      gridId: DEMO.gridA2,
      grants: [
        { role: 'resident', communityId: DEMO.communityA },
        { role: 'gridworker', communityId: DEMO.communityA, gridId: DEMO.gridA2 },
      ],
    });
    ({ id: anonymousId } = await t
      .as('demo-resident')
      .ok('reports', 'submit', await reportInput(t, { anonymous: true, location: EXACT })));
  });
  afterAll(() => t.close());

  it('finding 1: another community asking for duplicates in our grid is refused', async () => {
    const probe = { category: 'environment', gridId: DEMO.gridA1, latitude: 28.2345, longitude: 112.9123 };
    expect(codeOf(await t.as('wx-cuifeng-probe').call('reports', 'duplicates', probe))).toBe('FORBIDDEN');
  });

  it('finding 1: three probes learn nothing of an anonymous report but that it exists', async () => {
    const probes = [
      { latitude: 28.2345, longitude: 112.9123 },
      { latitude: 28.2355, longitude: 112.9123 },
      { latitude: 28.2345, longitude: 112.9133 },
    ];
    for (const at of probes) {
      const found = await t
        .as('demo-volunteer')
        .ok('reports', 'duplicates', { category: 'environment', gridId: DEMO.gridA1, ...at });
      const item = found.items.find((i) => i.id === anonymousId);
      expect(item).toBeDefined();
      expect(item?.distanceMetres).toBeNull();
      expect(item?.thumbnail).toBeNull();
      expect(item?.anonymous).toBe(false);
      expect(leaksPlace(JSON.stringify(found))).toBe(false);
      expect(JSON.stringify(found)).not.toContain('垃圾桶满了');
    }
  });

  it('finding 1: named reports get a coarse distance (whole hundreds of metres)', async () => {
    const named = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t, { category: 'road' }));
    const found = await t
      .as('demo-volunteer')
      .ok('reports', 'duplicates', { category: 'road', gridId: DEMO.gridA1, latitude: 28.2003, longitude: 112.9 });
    const item = found.items.find((i) => i.id === named.id);
    expect(item?.distanceMetres).toBe(100);
  });

  it('finding 8: a grid worker of another grid sees neither the reporter nor the exact place', async () => {
    const seen = await t.as('wx-gridworker-2').ok('reports', 'get', { reportId: anonymousId });
    expect(seen.reporter).toEqual({ name: '匿名居民', phoneMasked: null });
    const raw = JSON.stringify(seen);
    expect(raw).not.toContain('张阿姨');
    expect(raw).not.toContain('0001');
    expect(leaksPlace(raw)).toBe(false);
    // Nor do other residents and the supervisor.
    for (const openid of ['demo-volunteer', 'demo-sage']) {
      expect(leaksPlace(JSON.stringify(await t.as(openid).ok('reports', 'get', { reportId: anonymousId })))).toBe(
        false,
      );
    }
  });

  it('finding 8: the grid worker who must act, and staff, see who and where', async () => {
    for (const openid of ['demo-gridworker', 'demo-staff', 'demo-resident']) {
      const seen = await t.as(openid).ok('reports', 'get', { reportId: anonymousId });
      expect(seen.reporter.name, openid).toBe('张阿姨');
      expect(seen.location).toEqual(EXACT);
    }
    // Dispatched to the second grid's worker: they now act on it, the first grid's worker no longer does.
    await t
      .as('demo-staff')
      .ok('reports', 'dispatch', { reportId: anonymousId, assigneeUserId: 'user-wx-gridworker-2' });
    expect((await t.as('wx-gridworker-2').ok('reports', 'get', { reportId: anonymousId })).location).toEqual(EXACT);
    const first = await t.as('demo-gridworker').ok('reports', 'get', { reportId: anonymousId });
    expect(first.reporter).toEqual({ name: '匿名居民', phoneMasked: null });
    expect(leaksPlace(JSON.stringify(first))).toBe(false);
  });
});
