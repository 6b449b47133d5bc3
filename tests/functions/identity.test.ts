import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { DEMO, PERSONAS } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('identity through the real handlers and embedded store', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it.each(PERSONAS.map((p) => [p.openid, p] as const))(
    'me answers %s with profile, roles, community and grid',
    async (openid, persona) => {
      const me = await t.as(openid).ok('identity', 'me', {});
      expect(me.userId).toBe(persona.userId);
      expect(me.nickname).toBe(persona.nickname);
      expect(me.community?.id).toBe(persona.communityId);
      expect(me.grid?.id).toBe(persona.gridId);
      expect(me.roles.map((r) => r.role).sort()).toEqual(persona.grants.map((g) => g.role).sort());
      expect(me.phone).toBe(persona.phone);
      expect(me.phoneMasked).toBe(`${persona.phone.slice(0, 3)}****${persona.phone.slice(-4)}`);
      expect(me.privacy.needsConsent).toBe(false);
    },
  );

  it('refuses a call without a caller', async () => {
    const result = await t.as(null).call('identity', 'me', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('a first-time user must accept the current privacy notice before anything but identity actions', async () => {
    const newcomer = t.as('wx-newcomer');
    const me = await newcomer.ok('identity', 'me', {});
    expect(me.roles).toEqual([]);
    expect(me.community).toBeNull();
    expect(me.privacy).toEqual({ currentVersion: PRIVACY_NOTICE_VERSION, acceptedVersion: null, needsConsent: true });

    const blocked = await newcomer.call('identity', 'updateProfile', { nickname: '新邻居' });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.error.code).toBe('FORBIDDEN');

    const outdated = await newcomer.call('identity', 'acceptPrivacy', { version: '2000-01-01' });
    expect(outdated.ok === false && outdated.error.code).toBe('CONFLICT');

    t.clock.advance(1000);
    const accepted = await newcomer.ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    expect(accepted.privacy).toEqual({
      currentVersion: PRIVACY_NOTICE_VERSION,
      acceptedVersion: PRIVACY_NOTICE_VERSION,
      needsConsent: false,
    });
    const stored = await t.runtime.store.get<{ _id: string; privacy?: { acceptedAt: string } }>(
      'users',
      accepted.userId,
    );
    expect(stored?.privacy?.acceptedAt).toBe(t.clock.now().toISOString());

    const renamed = await newcomer.ok('identity', 'updateProfile', { nickname: '新邻居' });
    expect(renamed.nickname).toBe('新邻居');
  });

  it('the same openid always resolves to the same single user, even on parallel first calls', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => t.as('wx-parallel').ok('identity', 'me', {})));
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
    expect(await t.runtime.store.count('identities', { userId: results[0]?.userId })).toBe(1);
  });

  it('joinCommunity makes a newcomer a resident of the chosen grid, and moving replaces the old home', async () => {
    const newcomer = t.as('wx-mover');
    await newcomer.ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    const joined = await newcomer.ok('identity', 'joinCommunity', {
      communityId: DEMO.communityA,
      gridId: DEMO.gridA2,
    });
    expect(joined.community?.name).toBe('潇湘社区');
    expect(joined.roles).toEqual([{ role: 'resident', communityId: DEMO.communityA, label: '居民' }]);

    // Moving to another community is a request (finding 9): nothing changes until its staff approve.
    const asked = await newcomer.ok('identity', 'joinCommunity', { communityId: DEMO.communityB, gridId: DEMO.gridB1 });
    expect(asked.moveRequest).toMatchObject({ status: 'pending', toCommunityId: DEMO.communityB });
    expect(asked.roles).toEqual([{ role: 'resident', communityId: DEMO.communityA, label: '居民' }]);
    await t.as('demo-admin').ok('identity', 'move.approve', { moveId: asked.moveRequest?.id ?? '' });
    const moved = await newcomer.ok('identity', 'me', {});
    expect(moved.roles).toEqual([{ role: 'resident', communityId: DEMO.communityB, label: '居民' }]);
    expect(moved.grid?.id).toBe(DEMO.gridB1);
  });

  it('joinCommunity refuses a grid of another community', async () => {
    const result = await t.as('demo-resident').call('identity', 'joinCommunity', {
      communityId: DEMO.communityA,
      gridId: DEMO.gridB1,
    });
    expect(result.ok === false && result.error.code).toBe('NOT_FOUND');
    const me = await t.as('demo-resident').ok('identity', 'me', {});
    expect(me.grid?.id).toBe(DEMO.gridA1);
  });

  it('joinCommunity keeps the other roles a person holds', async () => {
    const moved = await t
      .as('demo-staff')
      .ok('identity', 'joinCommunity', { communityId: DEMO.communityA, gridId: DEMO.gridA2 });
    expect(moved.roles.map((r) => r.role).sort()).toEqual(['resident', 'staff']);
  });

  it('updateProfile validates the phone, stores it, masks it, and an empty string removes it', async () => {
    const resident = t.as('demo-resident');
    const bad = await resident.call('identity', 'updateProfile', { phone: '12345' });
    expect(bad.ok === false && bad.error.code).toBe('INVALID_INPUT');
    const nothing = await resident.call('identity', 'updateProfile', {});
    expect(nothing.ok === false && nothing.error.code).toBe('INVALID_INPUT');

    const updated = await resident.ok('identity', 'updateProfile', { phone: '13912345678' });
    expect(updated.phone).toBe('13912345678');
    expect(updated.phoneMasked).toBe('139****5678');
    const removed = await resident.ok('identity', 'updateProfile', { phone: '' });
    expect(removed.phone).toBeNull();
    expect(removed.phoneMasked).toBeNull();
  });

  it('refuses fields the action does not declare instead of silently stripping them', async () => {
    const result = await t.as('demo-resident').call('identity', 'updateProfile', {
      nickname: '张阿姨',
      grants: [{ role: 'admin' }],
    } as Record<string, unknown>);
    expect(result.ok === false && result.error.code).toBe('INVALID_INPUT');
    const me = await t.as('demo-resident').ok('identity', 'me', {});
    expect(me.roles.map((r) => r.role)).toEqual(['resident']);
  });

  it('answers unknown actions and malformed events with INVALID_INPUT', async () => {
    expect(await t.runtime.invoke('identity', { action: 'dropDatabase', payload: {} }, 'demo-admin')).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '未知操作：identity.dropDatabase' },
    });
    for (const event of [null, 'me', 42, [], { payload: {} }, { action: 'me', payload: {}, extra: 1 }]) {
      const result = await t.runtime.invoke('identity', event, 'demo-admin');
      expect(result.ok === false && result.error.code).toBe('INVALID_INPUT');
    }
    const inherited = await t.runtime.invoke('identity', { action: 'toString', payload: {} }, 'demo-admin');
    expect(inherited.ok === false && inherited.error.code).toBe('INVALID_INPUT');
  });

  it('listCommunities pages through communities with their grids', async () => {
    const first = await t.as('demo-resident').ok('identity', 'listCommunities', { skip: 0, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const all = await t.as('demo-resident').ok('identity', 'listCommunities', { skip: 0, limit: 20 });
    expect(all.items.map((c) => c.name)).toEqual(['潇湘社区', '翠峰社区'].sort((a, b) => (a < b ? -1 : 1)));
    expect(
      all.items
        .find((c) => c.id === DEMO.communityA)
        ?.grids.map((g) => g.id)
        .sort(),
    ).toEqual([DEMO.gridA1, DEMO.gridA2]);
  });
});

describe('privacy: a person sees, exports and erases their own data', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it("exports only the caller's own records, by index, never another person's", async () => {
    t.runtime.store.resetStats();
    const mine = await t.as('demo-resident').ok('identity', 'exportMyData', {});
    expect(mine.profile._id).toBe('user-resident');
    expect(mine.profile.phone).toBe('13800000001');
    for (const [collection, { items, total }] of Object.entries(mine.records)) {
      expect(total, collection).toBeGreaterThanOrEqual(items.length);
      for (const item of items) expect(JSON.stringify(item), collection).not.toContain('user-volunteer');
    }
    const scanned = Object.keys(t.runtime.store.stats().fullScans);
    expect(scanned).toEqual([]);
  });

  it('erasure removes personal fields and roles, unlinks the WeChat identity, and keeps the account id', async () => {
    const refused = await t.as('demo-resident').call('identity', 'deleteMyAccount', { confirm: 'yes' } as never);
    expect(refused.ok === false && refused.error.code).toBe('INVALID_INPUT');

    expect(await t.as('demo-resident').ok('identity', 'deleteMyAccount', { confirm: '注销' })).toEqual({
      erased: true,
    });
    const erased = await t.runtime.store.get<{ _id: string; nickname: string; phone?: string; grants: unknown[] }>(
      'users',
      'user-resident',
    );
    expect(erased?.nickname).toBe('已注销用户');
    expect(erased?.phone).toBeUndefined();
    expect(erased?.grants).toEqual([]);
    expect(await t.runtime.store.get('identities', 'demo-resident')).toBeNull();
    expect(await t.runtime.store.count('audit', { action: 'identity.deleteMyAccount' })).toBe(1);

    // Signing in again starts a new, empty account.
    const again = await t.as('demo-resident').ok('identity', 'me', {});
    expect(again.userId).not.toBe('user-resident');
    expect(again.roles).toEqual([]);
  });
});
