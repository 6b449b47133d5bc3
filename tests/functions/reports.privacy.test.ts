import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, codeOf, reportInput } from './reports.support';

describe('reports: anonymity, masking, visibility, duplicates and "me too"', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await startTestRuntime();
    await addPerson(t, 'wx-cuifeng', {
      nickname: '翠峰居民',
      phone: '13900000009',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [{ role: 'resident', communityId: DEMO.communityB }],
    });
  });
  afterAll(() => t.close());

  it('an anonymous report hides the reporter from other residents and the sage; staff and the worker see who', async () => {
    const { id } = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t, { anonymous: true }));
    for (const openid of ['demo-volunteer', 'demo-sage']) {
      const seen = await t.as(openid).ok('reports', 'get', { reportId: id });
      expect(seen.reporter).toEqual({ name: '匿名居民', phoneMasked: null });
      expect(seen.timeline[0]?.actor).toBe('匿名居民');
      expect(seen.mine).toBe(false);
      const raw = JSON.stringify(seen);
      expect(raw).not.toContain('张阿姨');
      expect(raw).not.toContain('user-resident');
      expect(raw).not.toContain('0001');
    }
    for (const openid of ['demo-staff', 'demo-gridworker', 'demo-resident']) {
      const seen = await t.as(openid).ok('reports', 'get', { reportId: id });
      expect(seen.reporter).toEqual({ name: '张阿姨', phoneMasked: '138****0001' });
    }
  });

  it('a named report shows the reporter with a masked phone, never the number', async () => {
    const { id } = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    for (const openid of ['demo-volunteer', 'demo-sage', 'demo-staff', 'demo-gridworker']) {
      const seen = await t.as(openid).ok('reports', 'get', { reportId: id });
      expect(seen.reporter.name).toBe('张阿姨');
      expect(JSON.stringify(seen)).not.toContain('13800000001');
    }
  });

  it('people of another community cannot see the report at all', async () => {
    const { id } = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    expect(codeOf(await t.as('wx-cuifeng').call('reports', 'get', { reportId: id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.as('wx-cuifeng').call('reports', 'meToo', { reportId: id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.as('wx-newcomer').call('reports', 'get', { reportId: id }))).toBe('FORBIDDEN');
  });

  it('near-duplicates: same category, same grid, open, recent and near; "me too" once per person', async () => {
    const t2 = await startTestRuntime();
    try {
      const here = { address: '潇湘社区 5 号楼', latitude: 28.2, longitude: 112.9 };
      const open = await t2.as('demo-resident').ok('reports', 'submit', await reportInput(t2, { location: here }));
      const otherCategory = await t2
        .as('demo-resident')
        .ok('reports', 'submit', await reportInput(t2, { category: 'road', location: here }));
      const far = await t2
        .as('demo-resident')
        .ok(
          'reports',
          'submit',
          await reportInput(t2, { location: { address: '潇湘社区北门外', latitude: 28.21, longitude: 112.9 } }),
        );
      const finished = await t2.as('demo-resident').ok('reports', 'submit', await reportInput(t2, { location: here }));
      await t2.as('demo-resident').ok('reports', 'recall', { reportId: finished.id });

      // The volunteer lives in grid 2; they are looking at grid 1's place.
      const query = { category: 'environment', gridId: DEMO.gridA1, latitude: 28.2001, longitude: 112.9 };
      const found = await t2.as('demo-volunteer').ok('reports', 'duplicates', query);
      const ids = found.items.map((r) => r.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(otherCategory.id);
      expect(ids).not.toContain(far.id);
      expect(ids).not.toContain(finished.id);
      // Coarse on purpose (finding 1): whole hundreds of metres, never the exact distance.
      expect(found.items[0]?.distanceMetres).toBe(100);

      const first = await t2.as('demo-volunteer').ok('reports', 'meToo', { reportId: open.id });
      expect(first).toMatchObject({ meTooCount: 1, already: false });
      const again = await t2.as('demo-volunteer').ok('reports', 'meToo', { reportId: open.id });
      expect(again).toMatchObject({ meTooCount: 1, already: true });
      expect(codeOf(await t2.as('demo-resident').call('reports', 'meToo', { reportId: open.id }))).toBe('CONFLICT');
      const detail = await t2.as('demo-volunteer').ok('reports', 'get', { reportId: open.id });
      expect(detail.followed).toBe(true);
      expect(detail.meTooCount).toBe(1);
      expect(detail.timeline.at(-1)?.action).toBe('metoo');

      // Followers are told when the report moves on, like the reporter.
      await t2.as('demo-gridworker').ok('reports', 'accept', { reportId: open.id });
      const told = await t2.runtime.store.count('messages', {
        userId: 'user-volunteer',
        link: `/packages/reports/detail/index?id=${open.id}`,
      });
      expect(told).toBe(1);

      // A week later the old one is no longer offered.
      t2.clock.advance(8 * 24 * 3600_000);
      const later = await t2.as('demo-volunteer').ok('reports', 'duplicates', query);
      expect(later.items.map((r) => r.id)).not.toContain(open.id);
    } finally {
      await t2.close();
    }
  });
});
