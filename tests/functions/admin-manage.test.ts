import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);

async function auditActions(communityId: string) {
  const page = await t.as('demo-admin').ok('admin', 'audit.list', { communityId, limit: 50 });
  return page.items.map((i) => i.action);
}

describe('admin management', () => {
  it('a city admin creates a street, a community in it and a grid with its address list, each audited', async () => {
    const admin = t.as('demo-admin');
    await admin.ok('admin', 'street.save', { id: 'street-test', name: '测试街道' });
    await admin.ok('admin', 'community.save', {
      id: 'community-test',
      streetId: 'street-test',
      name: '测试社区',
      kind: 'community',
    });
    const grid = await admin.ok('admin', 'grid.save', {
      id: 'grid-test-1',
      communityId: 'community-test',
      name: '测试第一网格',
      addresses: ['幸福路 1 号院', '幸福路 3 号楼'],
    });
    expect(grid.addresses).toHaveLength(2);
    const renamed = await admin.ok('admin', 'street.save', { id: 'street-test', name: '测试街道（新）' });
    expect(renamed.created).toBe(false);
    expect(await auditActions('community-test')).toEqual(
      expect.arrayContaining(['admin.community.create', 'admin.grid.create']),
    );
    const places = await admin.ok('admin', 'places', {});
    expect(places.streets.find((s) => s.id === 'street-test')?.name).toBe('测试街道（新）');
  });

  it('staff may not manage places, nor grant anything but grid workers of their own community', async () => {
    const staff = t.as('demo-staff');
    expect(code(await staff.call('admin', 'street.save', { id: 'street-x', name: '某街道' }))).toBe('FORBIDDEN');
    expect(
      code(
        await staff.call('admin', 'grid.save', {
          id: 'grid-x',
          communityId: DEMO.communityA,
          name: '新网格',
          addresses: [],
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await staff.call('admin', 'role.grant', {
          userId: 'user-resident',
          role: 'staff',
          communityId: DEMO.communityA,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await staff.call('admin', 'role.grant', {
          userId: 'user-resident',
          role: 'gridworker',
          communityId: DEMO.communityB,
          gridId: DEMO.gridB1,
          kind: 'parttime',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(await t.as('demo-gridworker').call('admin', 'role.grant', { userId: 'user-resident', role: 'admin' })),
    ).toBe('FORBIDDEN');
  });

  it('staff make a resident a mobile grid worker (流动网格员) of their grid and revoke it; the person gains and loses the power; audited', async () => {
    const staff = t.as('demo-staff');
    const grant = {
      userId: 'user-resident',
      role: 'gridworker',
      communityId: DEMO.communityA,
      gridId: DEMO.gridA2,
    } as const;
    expect(code(await staff.call('admin', 'role.grant', grant))).toBe('INVALID_INPUT'); // the kind is required
    await staff.ok('admin', 'role.grant', { ...grant, kind: 'mobile' });
    const assignment = await t.runtime.store.get<{ _id: string; kind: string }>(
      'gridworker_assignments',
      `user-resident|${DEMO.gridA2}`,
    );
    expect(assignment?.kind).toBe('mobile');
    // A mobile worker does not take over the grid's routing: it stays with the seeded full-time worker.
    const grid = await t.runtime.store.get<{ _id: string; workerUserId?: string }>('grids', DEMO.gridA2);
    expect(grid?.workerUserId).toBe('user-gridworker2');
    // The new grid worker now sees the grid queue (the power came with the grant).
    const queue = await t.as('demo-resident').call('reports', 'queue', {});
    expect(code(queue)).toBe('ok');

    await staff.ok('admin', 'role.revoke', grant);
    expect(code(await t.as('demo-resident').call('reports', 'queue', {}))).toBe('FORBIDDEN');
    expect(code(await staff.call('admin', 'role.revoke', grant))).toBe('NOT_FOUND');
    const actions = await auditActions(DEMO.communityA);
    expect(actions).toEqual(expect.arrayContaining(['admin.role.grant', 'admin.role.revoke']));
  });

  it('a full-time grid worker becomes the one the grid routes to', async () => {
    await t.as('demo-admin').ok('admin', 'role.grant', {
      userId: 'user-volunteer',
      role: 'gridworker',
      communityId: DEMO.communityA,
      gridId: DEMO.gridA2,
      kind: 'fulltime',
    });
    const grid = await t.runtime.store.get<{ _id: string; workerUserId?: string }>('grids', DEMO.gridA2);
    expect(grid?.workerUserId).toBe('user-volunteer');
    await t.as('demo-admin').ok('admin', 'role.revoke', {
      userId: 'user-volunteer',
      role: 'gridworker',
      communityId: DEMO.communityA,
      gridId: DEMO.gridA2,
    });
    const after = await t.runtime.store.get<{ _id: string; workerUserId?: string }>('grids', DEMO.gridA2);
    expect(after?.workerUserId).toBeUndefined();
  });
});
