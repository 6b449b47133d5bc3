import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION } from '../../cloudfunctions/_core/domain/audit';
import { balanceOf, issuerAccount, userAccount } from '../../cloudfunctions/_core/ledger';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { codeOf, reportInput } from './reports.support';

describe('举报奖励: a verified-valuable report credits green coins through the ledger, once', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(() => t.close());

  // The community's issuer is the sum of its per-person sub-accounts.
  const balance = async (id: string) => (await balanceOf(t.runtime.store, id)).balance;
  const accepted = async () => {
    const { id } = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    return id;
  };

  it('credits the reporter once; a second reward is CONFLICT; racing rewards pay once', async () => {
    const id = await accepted();
    // Not before someone has taken it up.
    expect(codeOf(await t.as('demo-staff').call('reports', 'reward', { reportId: id }))).toBe('CONFLICT');
    await t.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    expect((await t.as('demo-staff').ok('reports', 'get', { reportId: id })).canReward).toBe(true);
    expect((await t.as('demo-resident').ok('reports', 'get', { reportId: id })).canReward).toBe(false);

    const before = await balance(userAccount('GC', 'user-resident'));
    const issuerBefore = await balance(issuerAccount('GC', DEMO.communityA));
    const results = await Promise.all([
      t.as('demo-staff').call('reports', 'reward', { reportId: id, amount: 8, note: '及时发现安全隐患' }),
      t.as('demo-staff').call('reports', 'reward', { reportId: id, amount: 8 }),
      t.as('demo-admin').call('reports', 'reward', { reportId: id, amount: 8 }),
    ]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await balance(userAccount('GC', 'user-resident'))).toBe(before + 8);
    // Double entry: what the reporter got, the community's issuer gave.
    expect(await balance(issuerAccount('GC', DEMO.communityA))).toBe(issuerBefore - 8);
    const detail = await t.as('demo-resident').ok('reports', 'get', { reportId: id });
    expect(detail.rewarded).toBe(true);
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'reward', note: '奖励 8 绿币：及时发现安全隐患' });
    expect(await t.runtime.store.count(AUDIT_COLLECTION, { action: 'reports.reward', 'target.id': id })).toBe(1);
  });

  it('only staff of the community reward; refused and withdrawn reports are not rewarded', async () => {
    const id = await accepted();
    await t.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    for (const openid of ['demo-resident', 'demo-gridworker', 'demo-sage', 'demo-volunteer']) {
      expect(codeOf(await t.as(openid).call('reports', 'reward', { reportId: id })), openid).toBe('FORBIDDEN');
    }
    const recalled = await accepted();
    await t.as('demo-resident').ok('reports', 'recall', { reportId: recalled });
    expect(codeOf(await t.as('demo-staff').call('reports', 'reward', { reportId: recalled }))).toBe('CONFLICT');
    expect(codeOf(await t.as('demo-staff').call('reports', 'reward', { reportId: id, amount: 500 }))).toBe(
      'INVALID_INPUT',
    );
  });
});
