import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION, type AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import { DELIBERATION_COLLECTIONS, type RegistrationDoc } from '../../cloudfunctions/_core/domain/deliberation/model';
import { GC_COLLECTIONS, type RedemptionDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { MESSAGE_COLLECTIONS, type MessageDoc } from '../../cloudfunctions/_core/domain/messages';
import { PROXY_COLLECTIONS, type ProxyScope } from '../../cloudfunctions/_core/domain/proxy';
import { IDEMPOTENCY_COLLECTION } from '../../cloudfunctions/_core/idempotency';
import { LEDGER_COLLECTIONS } from '../../cloudfunctions/_core/ledger';
import { codeOf, expectLedgerInvariants, key, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/**
 * 代办 beyond reports: a helper redeems green coins and registers for meetings for a resident who
 * granted that scope. The resident's account pays, the redemption and registration are theirs,
 * every act is in their 代办记录, and a revoked or missing grant writes nothing.
 */
describe('代办: green-coin redemption and meeting registration on a resident’s behalf', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await expectLedgerInvariants(t.runtime.store);
    await t.close();
  });

  const resident = () => t.as('demo-resident');
  const family = () => t.as('demo-volunteer'); // 小李: 30 coins of her own, no seeded grant
  const grant = (scopes: ProxyScope[], agentUserId = 'user-volunteer') =>
    resident().ok('identity', 'proxy.grant', { agentUserId, scopes });
  const goodsId = async (prefix: string) =>
    (await resident().ok('greencoin', 'goods.list', {})).items.find((g) => g.name.startsWith(prefix))?.id ?? '';
  const MEETING = 'meeting-demo-charging'; // published, no limit, nobody registered

  /** Everything a refused proxied act must leave untouched. */
  const footprint = async () => {
    const s = t.runtime.store;
    return {
      redemptions: await s.count(GC_COLLECTIONS.redemptions, {}),
      holds: await s.count(LEDGER_COLLECTIONS.holds, {}),
      entries: await s.count(LEDGER_COLLECTIONS.entries, {}),
      // The ledger remembers a refused key as failed (a key that failed stays failed): that is all.
      keysDone: await s.count(IDEMPOTENCY_COLLECTION, { status: { $ne: 'failed' } }),
      registrations: await s.count(DELIBERATION_COLLECTIONS.registrations, {}),
      proxyActions: await s.count(PROXY_COLLECTIONS.actions, {}),
      messages: await s.count(MESSAGE_COLLECTIONS.messages, { userId: 'user-resident' }),
      registered: (await resident().ok('deliberation', 'meeting.get', { meetingId: MEETING })).registeredCount,
      balance: await resident().ok('greencoin', 'balance', {}),
    };
  };
  const redeemFor = async (who = family(), principal = 'user-resident') =>
    who.call('greencoin', 'redeem.request', {
      goodsId: await goodsId('洗衣液'),
      quantity: 1,
      idempotencyKey: key('proxy'),
      onBehalfOfUserId: principal,
    });
  const registerFor = (who = family(), principal = 'user-resident') =>
    who.call('deliberation', 'meeting.register', { meetingId: MEETING, onBehalfOfUserId: principal });

  it('redeem: the helper asks, the resident’s coins are held, staff approve as usual, the resident sees it all', async () => {
    await grant(['redeem']);
    const helperBefore = await family().ok('greencoin', 'balance', {});
    const asked = await redeemFor();
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect(asked.data).toMatchObject({ status: 'requested', amount: 30 });

    // The principal's account pays; the helper's is untouched.
    expect(await resident().ok('greencoin', 'balance', {})).toMatchObject({ balance: 70, held: 30, available: 40 });
    expect(await family().ok('greencoin', 'balance', {})).toEqual(helperBefore);
    const doc = await t.runtime.store.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, asked.data.id);
    expect(doc).toMatchObject({ userId: 'user-resident', requestedByUserId: 'user-volunteer' });
    expect((await resident().ok('greencoin', 'redeem.mine', {})).items.map((r) => r.id)).toContain(asked.data.id);
    expect((await family().ok('greencoin', 'redeem.mine', {})).items.map((r) => r.id)).not.toContain(asked.data.id);

    // Logged for the resident, audited, and she is told.
    const log = await resident().ok('identity', 'proxy.log', {});
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      action: 'greencoin.redeem.request',
      scope: 'redeem',
      agentName: '小李',
      target: { collection: GC_COLLECTIONS.redemptions, id: asked.data.id },
    });
    expect(log.items[0]?.summary).toContain('代您申请兑换：洗衣液');
    const audit = await t.runtime.store.find<AuditDoc>(AUDIT_COLLECTION, { 'target.id': asked.data.id }, { limit: 10 });
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'greencoin.redeem.request',
        actorUserId: 'user-volunteer',
        details: expect.objectContaining({ onBehalfOf: 'user-resident' }),
      }),
    );
    const told = await t.runtime.store.find<MessageDoc>(MESSAGE_COLLECTIONS.messages, { userId: 'user-resident' });
    expect(told.map((m) => m.title)).toContain('代办人已为您申请兑换');

    // The approval flow is unchanged: staff capture the resident's hold.
    const approved = await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.data.id });
    expect(approved.status).toBe('approved');
    expect(await resident().ok('greencoin', 'balance', {})).toMatchObject({ balance: 40, held: 0 });
    // The code is the resident's alone: the approver is not told it.
    expect(approved.pickupCode).toBeNull();
    expect((await resident().ok('greencoin', 'redeem.mine', {})).items[0]?.pickupCode).toMatch(/^\d{6}$/);
  });

  it('redeem: a retried request with the same key is one redemption and one log entry', async () => {
    await grant(['redeem']);
    const payload = {
      goodsId: await goodsId('毛巾'),
      quantity: 1,
      idempotencyKey: key('retry'),
      onBehalfOfUserId: 'user-resident',
    };
    const first = await family().ok('greencoin', 'redeem.request', payload);
    const again = await family().ok('greencoin', 'redeem.request', payload);
    expect(again.id).toBe(first.id);
    expect((await resident().ok('identity', 'proxy.log', {})).items).toHaveLength(1);
    expect(await resident().ok('greencoin', 'balance', {})).toMatchObject({ held: 15 });
  });

  it('redeem: not granted, wrong scope, or revoked → FORBIDDEN and nothing written', async () => {
    const before = await footprint();
    expect(codeOf(await redeemFor())).toBe('FORBIDDEN');
    await grant(['reports', 'meetings']);
    expect(codeOf(await redeemFor())).toBe('FORBIDDEN');
    await grant(['redeem']);
    await resident().ok('identity', 'proxy.revoke', { agentUserId: 'user-volunteer' });
    const afterGrants = await footprint();
    expect(codeOf(await redeemFor())).toBe('FORBIDDEN');
    // Grants and revocations told the helper, nothing else moved.
    expect(await footprint()).toEqual(afterGrants);
    expect(afterGrants).toEqual(before);
  });

  it('redeem: the principal’s balance is what counts, not the helper’s', async () => {
    // A new resident with no coins lets 小李 (30 coins) redeem for her: refused for want of her coins.
    const { session: poor, userId } = await newResident(t, 'wx-proxy-poor');
    await poor.ok('identity', 'proxy.grant', { agentUserId: 'user-volunteer', scopes: ['redeem'] });
    const helperBefore = await family().ok('greencoin', 'balance', {});
    expect(codeOf(await redeemFor(family(), userId))).toBe('INSUFFICIENT_FUNDS');
    expect(await family().ok('greencoin', 'balance', {})).toEqual(helperBefore);
    expect((await poor.ok('identity', 'proxy.log', {})).items).toEqual([]);
    expect(await t.runtime.store.count(GC_COLLECTIONS.redemptions, { userId })).toBe(0);
  });

  it('redeem: a staff member who asked for a resident cannot approve that request (maker-checker)', async () => {
    await grant(['redeem'], 'user-staff');
    const asked = await redeemFor(t.as('demo-staff'));
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect(codeOf(await t.as('demo-staff').call('greencoin', 'redeem.approve', { redemptionId: asked.data.id }))).toBe(
      'FORBIDDEN',
    );
    expect((await resident().ok('greencoin', 'redeem.mine', {})).items[0]?.status).toBe('requested');
  });

  it('register: the helper registers the resident; the registration is hers and in her 代办记录', async () => {
    await grant(['meetings']);
    const done = await registerFor();
    expect(done.ok).toBe(true);
    const reg = await t.runtime.store.get<RegistrationDoc>(
      DELIBERATION_COLLECTIONS.registrations,
      `${MEETING}:user-resident`,
    );
    expect(reg).toMatchObject({ userId: 'user-resident', registeredByUserId: 'user-volunteer', checkedInAt: null });
    expect(await t.runtime.store.get(DELIBERATION_COLLECTIONS.registrations, `${MEETING}:user-volunteer`)).toBeNull();
    const seen = await resident().ok('deliberation', 'meeting.get', { meetingId: MEETING });
    expect(seen.myRegistration).not.toBeNull();
    expect(seen.registeredCount).toBe(1);
    const log = await resident().ok('identity', 'proxy.log', {});
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      action: 'deliberation.meeting.register',
      scope: 'meetings',
      target: { id: MEETING },
    });
    expect(log.items[0]?.summary).toContain('代您报名：电动车集中充电议事');
    const told = await t.runtime.store.find<MessageDoc>(MESSAGE_COLLECTIONS.messages, { userId: 'user-resident' });
    expect(told.map((m) => m.title)).toContain('代办人已为您报名会议');
    // Registering her again answers the existing registration and logs nothing new.
    expect((await registerFor()).ok).toBe(true);
    expect((await resident().ok('identity', 'proxy.log', {})).items).toHaveLength(1);
    expect((await resident().ok('deliberation', 'meeting.get', { meetingId: MEETING })).registeredCount).toBe(1);
  });

  it('register: not granted, wrong scope, or revoked → FORBIDDEN and nothing written', async () => {
    const before = await footprint();
    expect(codeOf(await registerFor())).toBe('FORBIDDEN');
    await grant(['redeem', 'reports']);
    expect(codeOf(await registerFor())).toBe('FORBIDDEN');
    await grant(['meetings']);
    await resident().ok('identity', 'proxy.revoke', { agentUserId: 'user-volunteer' });
    expect(codeOf(await registerFor())).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);
  });

  it('the seeded grant lets 王网格 act for 张阿姨 in all three scopes', async () => {
    const grid = t.as('demo-gridworker');
    expect((await grid.ok('identity', 'proxy.list', {})).received).toEqual([
      expect.objectContaining({ userId: 'user-resident', name: '张阿姨', scopes: ['reports', 'redeem', 'meetings'] }),
    ]);
    expect((await redeemFor(grid)).ok).toBe(true);
    expect((await registerFor(grid)).ok).toBe(true);
    const log = await resident().ok('identity', 'proxy.log', {});
    expect(log.items.map((i) => i.agentName)).toEqual(['王网格', '王网格']);
  });

  it('the helper is told when a resident authorises or revokes them', async () => {
    const inbox = () => family().ok('inbox', 'list', {});
    const before = (await inbox()).items.length;
    const outboxBefore = await t.runtime.store.count(MESSAGE_COLLECTIONS.outbox, { userId: 'user-volunteer' });
    await grant(['redeem', 'meetings']);
    const afterGrant = await inbox();
    expect(afterGrant.items.length).toBe(before + 1);
    expect(afterGrant.items[0]).toMatchObject({
      title: '张阿姨授权您代办',
      link: '/packages/care/proxy/index',
    });
    expect(afterGrant.items[0]?.body).toContain('绿币兑换、议事会报名');
    t.clock.advance(60_000);
    await resident().ok('identity', 'proxy.revoke', { agentUserId: 'user-volunteer' });
    // Revoking twice tells them once.
    await resident().ok('identity', 'proxy.revoke', { agentUserId: 'user-volunteer' });
    const afterRevoke = await inbox();
    expect(afterRevoke.items.length).toBe(before + 2);
    expect(afterRevoke.items[0]?.title).toBe('张阿姨已撤销代办授权');
    const outbox = await t.runtime.store.count(MESSAGE_COLLECTIONS.outbox, { userId: 'user-volunteer' });
    expect(outbox).toBe(outboxBefore + 2);
  });
});

describe('代办 ends with the account', () => {
  it('deleting the account revokes the grants it gave and received', async () => {
    const t = await startTestRuntime();
    try {
      await t.as('demo-resident').ok('identity', 'proxy.grant', { agentUserId: 'user-volunteer', scopes: ['redeem'] });
      await t.as('demo-volunteer').ok('identity', 'proxy.grant', { agentUserId: 'user-staff', scopes: ['meetings'] });
      // 张阿姨 gave two (seeded 王网格, and 小李), 小李 gave one: 小李 deletes her account.
      await t.as('demo-volunteer').ok('identity', 'deleteMyAccount', { confirm: '注销' });
      const active = await t.runtime.store.find<{ _id: string }>(PROXY_COLLECTIONS.grants, { active: true });
      expect(active.map((g) => g._id)).toEqual(['user-resident:user-gridworker']);
      expect((await t.as('demo-resident').ok('identity', 'proxy.list', {})).given.map((g) => g.userId)).toEqual([
        'user-gridworker',
      ]);
    } finally {
      await t.close();
    }
  });
});
