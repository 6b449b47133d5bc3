import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TB_COLLECTIONS } from '../../cloudfunctions/_core/domain/timebank';
import { DEMO } from '../../local/seed';
import { addPerson, codeOf } from '../functions/reports.support';
import { key } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Finding 9: joinCommunity switched community at will, coins earned in one community were spent
// at another's shop, and the volunteer record kept the first community.
describe('moving community is a request; coins stay with the community that issued them', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
    await addPerson(t, 'wx-cuifeng-staff', {
      nickname: '翠峰社工',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [
        { role: 'resident', communityId: DEMO.communityB },
        { role: 'staff', communityId: DEMO.communityB },
      ],
    });
  });
  afterEach(() => t.close());

  const join = (openid: string) =>
    t.as(openid).ok('identity', 'joinCommunity', { communityId: DEMO.communityB, gridId: DEMO.gridB1 });

  it('joinCommunity to another community changes nothing until staff of the new community approve', async () => {
    const asked = await join('demo-volunteer');
    expect(asked.community?.id).toBe(DEMO.communityA);
    expect(asked.moveRequest?.status).toBe('pending');
    // Staff of the old community cannot approve a move into another one; nor can the mover.
    const moveId = asked.moveRequest?.id ?? '';
    expect(codeOf(await t.as('demo-staff').call('identity', 'move.approve', { moveId }))).toBe('NOT_FOUND');
    const queue = await t.as('wx-cuifeng-staff').ok('identity', 'move.queue', {});
    expect(queue.items.map((i) => i.userId)).toEqual(['user-volunteer']);
    await t.as('wx-cuifeng-staff').ok('identity', 'move.approve', { moveId });
    const me = await t.as('demo-volunteer').ok('identity', 'me', {});
    expect(me.community?.id).toBe(DEMO.communityB);
    expect(me.roles.map((r) => `${r.role}@${r.communityId}`).sort()).toEqual([
      `resident@${DEMO.communityB}`,
      `volunteer@${DEMO.communityB}`,
    ]);
    // The volunteer record moves with the approved move.
    const volunteer = await t.runtime.store.get<{ _id: string; communityId: string }>(
      TB_COLLECTIONS.volunteers,
      'user-volunteer',
    );
    expect(volunteer?.communityId).toBe(DEMO.communityB);
  });

  it('staff cannot approve their own move', async () => {
    await addPerson(t, 'wx-dual', {
      nickname: '双重身份',
      gridId: DEMO.gridA1,
      grants: [
        { role: 'resident', communityId: DEMO.communityA },
        { role: 'staff', communityId: DEMO.communityB },
      ],
    });
    const asked = await join('wx-dual');
    const moveId = asked.moveRequest?.id ?? '';
    expect(codeOf(await t.as('wx-dual').call('identity', 'move.approve', { moveId }))).toBe('FORBIDDEN');
  });

  it("coins earned in one community are not spent at another's shop", async () => {
    const before = await t.as('demo-resident').ok('greencoin', 'balance', {});
    expect(before.available).toBeGreaterThan(0);
    const asked = await join('demo-resident');
    await t.as('wx-cuifeng-staff').ok('identity', 'move.approve', { moveId: asked.moveRequest?.id ?? '' });
    const goods = await t.as('demo-resident').ok('greencoin', 'goods.list', {});
    const item = goods.items.find((g) => g.price <= before.available && g.available > 0);
    expect(item, 'a goods item of the new community the old balance would afford').toBeDefined();
    const result = await t
      .as('demo-resident')
      .call('greencoin', 'redeem.request', { goodsId: item?.id ?? '', quantity: 1, idempotencyKey: key() });
    expect(codeOf(result)).toBe('INSUFFICIENT_FUNDS');
    // The balance itself stays: moving back home makes it spendable there again.
    expect((await t.as('demo-resident').ok('greencoin', 'balance', {})).balance).toBe(before.balance);
  });
});
