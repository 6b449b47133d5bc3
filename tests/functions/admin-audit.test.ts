import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION, auditEntry } from '../../cloudfunctions/_core/domain/audit';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('admin.audit.list: the audit trail of privileged actions', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  it("staff browse their own community's entries newest first, written in the same transaction as the change", async () => {
    await t.as('demo-volunteer').ok('identity', 'deleteMyAccount', { confirm: '注销' });
    const page = await t
      .as('demo-staff')
      .ok('admin', 'audit.list', { communityId: DEMO.communityA, skip: 0, limit: 50 });
    const erasure = page.items.find((i) => i.action === 'identity.deleteMyAccount');
    expect(erasure?.actorUserId).toBe('user-volunteer');
    expect(erasure?.target).toEqual({ collection: 'users', id: 'user-volunteer' });
    const times = page.items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages without scanning, and never crosses into another community', async () => {
    for (let i = 0; i < 30; i += 1) {
      t.clock.advance(1000);
      const at = t.clock.now().toISOString();
      for (const communityId of [DEMO.communityA, DEMO.communityB]) {
        await t.runtime.store.insert(
          AUDIT_COLLECTION,
          auditEntry({
            id: `a-${communityId}-${i}`,
            at,
            actorUserId: 'user-staff',
            action: 'test.write',
            communityId,
            target: { collection: 'x', id: String(i) },
          }),
        );
      }
    }
    t.runtime.store.resetStats();
    const first = await t
      .as('demo-staff')
      .ok('admin', 'audit.list', { communityId: DEMO.communityA, skip: 0, limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.hasMore).toBe(true);
    expect(first.items.every((i) => !i.id.includes(DEMO.communityB))).toBe(true);
    expect(t.runtime.store.stats().fullScans.audit ?? 0).toBe(0);

    const other = await t
      .as('demo-staff')
      .call('admin', 'audit.list', { communityId: DEMO.communityB, skip: 0, limit: 20 });
    expect(other.ok === false && other.error.code).toBe('FORBIDDEN');
    const byAdmin = await t
      .as('demo-admin')
      .ok('admin', 'audit.list', { communityId: DEMO.communityB, skip: 0, limit: 50 });
    expect(byAdmin.items.filter((i) => i.action === 'test.write')).toHaveLength(30);
  });

  it('residents, volunteers, grid workers and sages cannot read the audit trail', async () => {
    for (const openid of ['demo-resident', 'demo-volunteer', 'demo-gridworker', 'demo-sage']) {
      const result = await t
        .as(openid)
        .call('admin', 'audit.list', { communityId: DEMO.communityA, skip: 0, limit: 20 });
      expect(result.ok === false && result.error.code, openid).toBe('FORBIDDEN');
    }
  });
});
