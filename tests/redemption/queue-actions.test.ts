import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuerAccount, post, userAccount } from '../../cloudfunctions/_core/ledger';
import { DEMO } from '../../local/seed';
import { fund, key, newGoods, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/**
 * The 兑换审核 queue's buttons come from the server: each item carries the `actions` this staff
 * member may take. 通过 is never offered on a request the second-person rule would refuse — the
 * staff member's own, or one of an account linked to theirs by 代办 — and a waiting request of
 * anyone else offers 通过 and 驳回; an approved one, the refund.
 */
describe('redeem.queue: the actions each item offers this staff member', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  const queue = async (status: 'requested' | 'approved') =>
    (await t.as('demo-staff').ok('greencoin', 'redeem.queue', { status })).items;

  it('no 通过 on a 代办-linked request; 通过 and 驳回 on another resident’s; the refund once approved', async () => {
    const goodsId = await newGoods(t, { price: 10, stock: 5 });
    const linked = await newResident(t, 'queue-linked');
    const other = await newResident(t, 'queue-other');
    await fund(t, linked.userId, 1);
    await fund(t, other.userId, 1);
    // The linked resident lets the staff member act for them: for maker-checker they are one person.
    await linked.session.ok('identity', 'proxy.grant', { agentUserId: 'user-staff', scopes: ['redeem'] });
    const mine = await linked.session.ok('greencoin', 'redeem.request', {
      goodsId,
      quantity: 1,
      idempotencyKey: key(),
    });
    const theirs = await other.session.ok('greencoin', 'redeem.request', {
      goodsId,
      quantity: 1,
      idempotencyKey: key(),
    });

    const waiting = await queue('requested');
    expect(waiting.find((i) => i.id === mine.id)?.actions).toEqual(['reject']);
    expect(waiting.find((i) => i.id === theirs.id)?.actions).toEqual(['approve', 'reject']);
    // What the page would not offer, the action refuses anyway.
    expect((await t.as('demo-staff').call('greencoin', 'redeem.approve', { redemptionId: mine.id })).ok).toBe(false);

    await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: theirs.id });
    const approved = await queue('approved');
    expect(approved.find((i) => i.id === theirs.id)?.actions).toEqual(['refund']);
    // Another staff member (the street admin) may approve the linked resident's request.
    const admin = (
      await t.as('demo-admin').ok('greencoin', 'redeem.queue', { communityId: DEMO.communityA, status: 'requested' })
    ).items;
    expect(admin.find((i) => i.id === mine.id)?.actions).toEqual(['approve', 'reject']);
  });

  it('the time-bank service queue the same way: no 通过 on a linked request, 通过 and 驳回 else, 登记已服务 once approved', async () => {
    const linked = await newResident(t, 'svc-linked');
    const other = await newResident(t, 'svc-other');
    await t.runtime.store.runTransaction(async (tx) => {
      for (const [i, userId] of [linked.userId, other.userId].entries()) {
        await post(tx, {
          id: `queue-fund-${i}`,
          currency: 'TP',
          from: issuerAccount('TP', DEMO.communityA),
          to: userAccount('TP', userId),
          amount: 50,
          reason: '测试发放',
          kind: 'award',
          category: 'award',
          ref: null,
          actorUserId: 'system',
          at: t.clock.now().toISOString(),
        });
      }
    });
    const service = await t.as('demo-staff').ok('timebank', 'service.save', { name: '上门理发', points: 7 });
    await linked.session.ok('identity', 'proxy.grant', { agentUserId: 'user-staff', scopes: ['redeem'] });
    const mine = await linked.session.ok('timebank', 'service.request', {
      serviceId: service.id,
      idempotencyKey: key(),
    });
    const theirs = await other.session.ok('timebank', 'service.request', {
      serviceId: service.id,
      idempotencyKey: key(),
    });
    const staffQueue = async (status: 'requested' | 'approved') =>
      (await t.as('demo-staff').ok('timebank', 'service.queue', { status })).items;

    const waiting = await staffQueue('requested');
    expect(waiting.find((i) => i.id === mine.id)?.actions).toEqual(['reject']);
    expect(waiting.find((i) => i.id === theirs.id)?.actions).toEqual(['approve', 'reject']);
    expect((await t.as('demo-staff').call('timebank', 'service.approve', { requestId: mine.id })).ok).toBe(false);
    await t.as('demo-staff').ok('timebank', 'service.approve', { requestId: theirs.id });
    expect((await staffQueue('approved')).find((i) => i.id === theirs.id)?.actions).toEqual(['fulfil']);
  });
});
