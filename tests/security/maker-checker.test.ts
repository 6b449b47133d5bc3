import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, reportInput } from '../functions/reports.support';
import { key } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Finding 2: maker-checker could be bypassed — staff awarding themselves posted at once, 4 × 30 to
// one person slipped under the 50-coin second-approver limit, staff were paid the report reward
// on their own report. Also through a second account the staff member proxies (代办).
describe('maker-checker: nobody awards, approves or rewards for themselves', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  const balance = async (openid: string) => (await t.as(openid).ok('greencoin', 'balance', {})).balance;

  it('staff awarding themselves wait for a second approver, who is not them', async () => {
    const before = await balance('demo-staff');
    const made = await t
      .as('demo-staff')
      .ok('greencoin', 'award', { userId: 'user-staff', lineId: 'pub-1', note: '自评', idempotencyKey: key() });
    expect(made.status).toBe('pending');
    expect(await balance('demo-staff')).toBe(before);
    expect(codeOf(await t.as('demo-staff').call('greencoin', 'award.approve', { awardId: made.id }))).toBe('FORBIDDEN');
    expect((await t.as('demo-admin').ok('greencoin', 'award.approve', { awardId: made.id })).status).toBe('posted');
    expect(await balance('demo-staff')).toBe(before + 10);
  });

  it('splitting under the threshold counts per person per month: 4 × 30 is 120, not four small awards', async () => {
    const before = await balance('demo-volunteer');
    const statuses: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const made = await t.as('demo-staff').ok('greencoin', 'award', {
        userId: 'user-volunteer',
        lineId: 'pub-2',
        note: `第${i + 1}次`,
        idempotencyKey: key(),
      });
      statuses.push(made.status);
    }
    expect(statuses).toEqual(['posted', 'pending', 'pending', 'pending']);
    expect(await balance('demo-volunteer')).toBe(before + 30);
    // A new month starts a new count.
    t.clock.advance(32 * 24 * 3600_000);
    const next = await t
      .as('demo-staff')
      .ok('greencoin', 'award', { userId: 'user-volunteer', lineId: 'pub-2', note: '下月', idempotencyKey: key() });
    expect(next.status).toBe('posted');
  });

  it('staff get no report reward for their own report', async () => {
    const { id } = await t.as('demo-staff').ok('reports', 'submit', await reportInput(t, {}, 'demo-staff'));
    await t.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    const before = await balance('demo-staff');
    expect(codeOf(await t.as('demo-staff').call('reports', 'reward', { reportId: id }))).toBe('FORBIDDEN');
    expect(await balance('demo-staff')).toBe(before);
    // Another staff member (here the admin) may reward it.
    await t.as('demo-admin').ok('reports', 'reward', { reportId: id });
    expect(await balance('demo-staff')).toBe(before + 5);
  });

  it('nor through a second account they proxy: award waits, reward and approval are refused', async () => {
    // The resident lets the staff member act for them (代办): for maker-checker they are one person.
    await t.as('demo-resident').ok('identity', 'proxy.grant', { agentUserId: 'user-staff', scopes: ['redeem'] });
    const made = await t
      .as('demo-staff')
      .ok('greencoin', 'award', { userId: 'user-resident', lineId: 'pub-1', note: '代办账号', idempotencyKey: key() });
    expect(made.status).toBe('pending');
    const { id } = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    await t.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    expect(codeOf(await t.as('demo-staff').call('reports', 'reward', { reportId: id }))).toBe('FORBIDDEN');
    const goods = await t.as('demo-resident').ok('greencoin', 'goods.list', {});
    const cheap = goods.items.find((g) => g.price <= 30);
    const asked = await t
      .as('demo-resident')
      .ok('greencoin', 'redeem.request', { goodsId: cheap?.id ?? '', quantity: 1, idempotencyKey: key() });
    expect(codeOf(await t.as('demo-staff').call('greencoin', 'redeem.approve', { redemptionId: asked.id }))).toBe(
      'FORBIDDEN',
    );
  });
});
