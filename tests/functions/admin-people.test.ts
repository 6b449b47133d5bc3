import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);

describe('admin.people and admin.assignments (the role management page)', () => {
  it("lists a community's residents with their roles there, phones masked", async () => {
    const page = await t.as('demo-staff').ok('admin', 'people', { communityId: DEMO.communityA, limit: 50 });
    const resident = page.items.find((p) => p.userId === 'user-resident');
    expect(resident).toMatchObject({ name: '张阿姨', phone: '138****0001' });
    expect(page.items.find((p) => p.userId === 'user-gridworker')?.grants).toContainEqual({
      role: 'gridworker',
      communityId: DEMO.communityA,
      gridId: DEMO.gridA1,
    });
    // 街道管理员 lives in 翠峰: not a 潇湘 resident.
    expect(page.items.some((p) => p.userId === 'user-admin')).toBe(false);
    expect(code(await t.as('demo-staff').call('admin', 'people', { communityId: DEMO.communityB }))).toBe('FORBIDDEN');
  });

  it('shows grid-worker assignments with their kind, a 流动网格员 included, and drops revoked ones', async () => {
    const staff = t.as('demo-staff');
    await staff.ok('admin', 'role.grant', {
      userId: 'user-volunteer',
      role: 'gridworker',
      communityId: DEMO.communityA,
      gridId: DEMO.gridA2,
      kind: 'mobile',
    });
    const list = await staff.ok('admin', 'assignments', { communityId: DEMO.communityA });
    expect(list.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: 'user-gridworker', gridId: DEMO.gridA1, kind: 'fulltime', routed: true }),
        expect.objectContaining({ userId: 'user-volunteer', gridId: DEMO.gridA2, kind: 'mobile', routed: false }),
      ]),
    );
    await staff.ok('admin', 'role.revoke', {
      userId: 'user-volunteer',
      role: 'gridworker',
      communityId: DEMO.communityA,
      gridId: DEMO.gridA2,
    });
    const after = await staff.ok('admin', 'assignments', { communityId: DEMO.communityA });
    expect(after.items.some((i) => i.userId === 'user-volunteer')).toBe(false);
    expect(code(await staff.call('admin', 'assignments', { communityId: DEMO.communityB }))).toBe('FORBIDDEN');
  });
});
