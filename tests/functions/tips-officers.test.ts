import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { UserDoc } from '../../cloudfunctions/_core/domain/people';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson } from './reports.support';

let t: TestRuntime;
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);
const officerGrants = async (userId: string) =>
  ((await t.runtime.store.get<UserDoc>('users', userId)) as UserDoc).grants.filter((g) => g.role === 'tip_officer');

beforeAll(async () => {
  t = await startTestRuntime();
  await addPerson(t, 'wx-community-admin', {
    nickname: '社区管理员',
    grants: [{ role: 'admin', communityId: 'community-xiaoxiang' }],
  });
  await addPerson(t, 'wx-second-street-admin', { nickname: '街道综治办', grants: [{ role: 'admin' }] });
});
afterAll(() => t.close());

describe('designating tip officers: a street admin, never for themselves, audited, listed per scheme', () => {
  it('the list per scheme shows the seeded street-wide officers with masked phones', async () => {
    const list = await t.as('demo-admin').ok('tips', 'officer.list', { scheme: 'safety' });
    expect(list.schemeName).toBe('安全生产举报奖励');
    expect(list.items.map((i) => i.name).sort()).toEqual(['孙主任', '赵警官'].sort());
    expect(list.items.find((i) => i.name === '赵警官')).toMatchObject({
      area: '全街道',
      phoneMasked: '138****0011',
      communityId: null,
    });
    expect(JSON.stringify(list)).not.toContain('13800000011');
  });

  it('only a street-wide admin lists or designates; every other persona is refused', async () => {
    for (const who of [
      'demo-resident',
      'demo-volunteer',
      'demo-gridworker',
      'demo-staff',
      'demo-sage',
      'demo-tipofficer',
      'wx-community-admin',
    ]) {
      expect(code(await t.as(who).call('tips', 'officer.list', { scheme: 'safety' })), who).toBe('FORBIDDEN');
      expect(
        code(await t.as(who).call('tips', 'officer.grant', { userId: 'user-volunteer', scheme: 'safety' })),
        who,
      ).toBe('FORBIDDEN');
    }
    expect(await officerGrants('user-volunteer')).toEqual([]);
  });

  it('an admin cannot designate themselves, nor revoke their own designation', async () => {
    expect(
      code(await t.as('demo-admin').call('tips', 'officer.grant', { userId: 'user-admin', scheme: 'crime' })),
    ).toBe('FORBIDDEN');
    expect(await officerGrants('user-admin')).toEqual([]);
    // Designated by a second admin, the first cannot undo it for themselves.
    await t.as('wx-second-street-admin').ok('tips', 'officer.grant', { userId: 'user-admin', scheme: 'crime' });
    expect(
      code(await t.as('demo-admin').call('tips', 'officer.revoke', { userId: 'user-admin', scheme: 'crime' })),
    ).toBe('FORBIDDEN');
    await t.as('wx-second-street-admin').ok('tips', 'officer.revoke', { userId: 'user-admin', scheme: 'crime' });
    expect(await officerGrants('user-admin')).toEqual([]);
  });

  it('designate for one community, listed there; revoke takes the grant and the row away; both audited', async () => {
    const made = await t.as('demo-admin').ok('tips', 'officer.grant', {
      userId: 'user-volunteer',
      scheme: 'heroic',
      communityId: 'community-xiaoxiang',
    });
    expect(made).toMatchObject({ already: false, schemeName: '见义勇为人员奖励' });
    const again = await t.as('demo-admin').ok('tips', 'officer.grant', {
      userId: 'user-volunteer',
      scheme: 'heroic',
      communityId: 'community-xiaoxiang',
    });
    expect(again.already).toBe(true);
    const listed = await t.as('demo-admin').ok('tips', 'officer.list', { scheme: 'heroic' });
    expect(listed.items.filter((i) => i.userId === 'user-volunteer')).toEqual([
      expect.objectContaining({ name: '小李', area: '潇湘社区', communityId: 'community-xiaoxiang' }),
    ]);
    expect(await officerGrants('user-volunteer')).toEqual([
      { role: 'tip_officer', scheme: 'heroic', communityId: 'community-xiaoxiang' },
    ]);
    // The new officer now sees the scheme's desk (empty queue), not other schemes' tips.
    expect(code(await t.as('demo-volunteer').call('tips', 'queue', {}))).toBe('ok');

    await t.as('demo-admin').ok('tips', 'officer.revoke', {
      userId: 'user-volunteer',
      scheme: 'heroic',
      communityId: 'community-xiaoxiang',
    });
    expect(await officerGrants('user-volunteer')).toEqual([]);
    const after = await t.as('demo-admin').ok('tips', 'officer.list', { scheme: 'heroic' });
    expect(after.items.some((i) => i.userId === 'user-volunteer')).toBe(false);
    expect(code(await t.as('demo-volunteer').call('tips', 'queue', {}))).toBe('FORBIDDEN');
    expect(
      code(
        await t.as('demo-admin').call('tips', 'officer.revoke', {
          userId: 'user-volunteer',
          scheme: 'heroic',
          communityId: 'community-xiaoxiang',
        }),
      ),
    ).toBe('NOT_FOUND');
    const audit = await t.runtime.store.find<AuditDoc>('audit', { 'target.id': 'user-volunteer' }, { limit: 20 });
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith('tips.officer'))
        .sort(),
    ).toEqual(['tips.officer.grant', 'tips.officer.grant', 'tips.officer.revoke']);
  });

  it('bad input is refused with a Chinese message and nothing written', async () => {
    const res = await t.as('demo-admin').call('tips', 'officer.grant', { userId: 'user-volunteer', scheme: 'fraud' });
    expect(code(res)).toBe('INVALID_INPUT');
    const missing = await t.as('demo-admin').call('tips', 'officer.grant', { userId: 'user-nobody', scheme: 'crime' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '用户不存在' } });
    expect(await officerGrants('user-volunteer')).toEqual([]);
  });
});
