import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GC_COLLECTIONS, type RedemptionDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { readStock } from '../../cloudfunctions/greencoin/stock';
import { SCHEDULED_JOBS, startScheduler } from '../../local/scheduler';
import { parseQr, qrText } from '../../src/services/qr';
import { codeOf, expectLedgerInvariants, fund, key, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('pickup: place, hours and deadline with the code', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it('an approved redemption shows where, when and until when to collect; the QR carries its code', async () => {
    const r = await newResident(t, 'pickup-01');
    await fund(t, r.userId, 2);
    const asked = await r.session.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    let mine = await r.session.ok('greencoin', 'redeem.mine', {});
    expect(mine.items[0]?.pickup).toBeNull();
    await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
    const approvedAt = t.clock.now().getTime();
    mine = await r.session.ok('greencoin', 'redeem.mine', {});
    const item = mine.items[0];
    expect(item?.pickup).toEqual({
      place: '潇湘社区党群服务中心一楼爱心超市',
      hours: '周一至周六 9:00–12:00、14:30–17:30',
      deadline: new Date(approvedAt + 7 * 86_400_000).toISOString(),
    });
    const code = item?.pickupCode ?? '';
    const scanned = parseQr(qrText({ kind: 'pickup', code }));
    expect(scanned).toEqual({ kind: 'pickup', code });
    // The scanned code is the one staff confirm with.
    const picked = await t.as('demo-staff').ok('greencoin', 'redeem.pickup', { pickupCode: code });
    expect(picked.status).toBe('picked_up');
  });

  it('QR payloads: ours round-trip, anything else is refused', () => {
    const checkin = { kind: 'checkin' as const, activityId: 'act-1', code: '012345' };
    expect(parseQr(qrText(checkin))).toEqual(checkin);
    expect(parseQr('https://example.com/pay')).toBeNull();
    expect(parseQr('GZ1|checkin|act-1|12345')).toBeNull();
    expect(parseQr('GZ1|checkin|act 1|123456')).toBeNull();
    expect(parseQr('GZ1|pickup|abc123')).toBeNull();
  });

  const DAY = 86_400_000;

  /** A resident with 20 coins whose 理发券 (10 coins) staff approved just now. */
  async function approvedOne(openid: string) {
    const r = await newResident(t, openid);
    await fund(t, r.userId, 2);
    const asked = await r.session.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
    // The code is the resident's (the approver is not told it).
    const mine = await r.session.ok('greencoin', 'redeem.mine', {});
    return { ...r, id: asked.id, code: mine.items.find((i) => i.id === asked.id)?.pickupCode ?? '' };
  }
  // Stock lives in the item's shards (issue 17): what the shelf shows is their sum.
  const goods = async () => (await readStock(t.runtime.store, ['goods-xiaoxiang-5'])).get('goods-xiaoxiang-5');

  it('past the pickup deadline the code is refused with the deadline in Chinese, nothing written', async () => {
    const r = await approvedOne('pickup-late');
    const stored = await t.runtime.store.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, r.id);
    // Fixed at approval: 7 days from the seeded settings.
    expect(stored?.pickupBy).toBe(new Date(t.clock.now().getTime() + 7 * DAY).toISOString());
    t.clock.advance(7 * DAY + 60_000);
    const refused = await t.as('demo-staff').call('greencoin', 'redeem.pickup', { pickupCode: r.code });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /^已超过领取期限（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}），不能再领取/,
    );
    const after = await t.runtime.store.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, r.id);
    expect(after?.status).toBe('approved');
    expect(after?.pickedUpAt).toBeNull();
  });

  it('the timer sweep returns the coins and the stock of uncollected pickups, once, and tells the resident', async () => {
    const stockBefore = (await goods())?.stock ?? 0;
    const late = await approvedOne('pickup-lapse');
    t.clock.advance(3 * DAY);
    const onTime = await approvedOne('pickup-ontime');
    expect(await late.session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 10, held: 0 });
    expect((await goods())?.stock).toBe(stockBefore - 2);
    const timer = { Type: 'Timer', TriggerName: 'redemptionExpiry', Time: t.clock.now().toISOString() };
    // Not yet: the first one has 4 days left.
    expect(await t.runtime.invoke('greencoin', timer, null, { trigger: 'timer' })).toEqual({
      ok: true,
      data: { expired: 0, lapsed: 0 },
    });
    t.clock.advance(4 * DAY + 60_000);
    const job = SCHEDULED_JOBS.find((j) => j.fn === 'greencoin');
    const scheduler = startScheduler(t.runtime, job ? [job] : []);
    await scheduler.runOnce();
    scheduler.stop();
    expect(await late.session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 20, held: 0 });
    expect(await onTime.session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 10, held: 0 });
    expect((await goods())?.stock).toBe(stockBefore - 1);
    const mine = (await late.session.ok('greencoin', 'redeem.mine', {})).items[0];
    expect(mine).toMatchObject({ status: 'expired', statusLabel: '已过期', refundReason: '超过领取期限未领取' });
    const inbox = await late.session.ok('inbox', 'list', {});
    expect(inbox.items.map((m) => m.title)).toContain('兑换已过领取期限');
    // A second run finds nothing; the code is refused as lapsed; the one on time still collects.
    expect(await t.runtime.invoke('greencoin', timer, null, { trigger: 'timer' })).toEqual({
      ok: true,
      data: { expired: 0, lapsed: 0 },
    });
    const refused = await t
      .as('demo-staff')
      .call('greencoin', 'redeem.pickup', { pickupCode: late.code, redemptionId: late.id });
    expect(refused.ok ? '' : refused.error.message).toBe('已超过领取期限，该兑换已取消，绿币已退回居民');
    expect(
      (await t.as('demo-staff').ok('greencoin', 'redeem.pickup', { pickupCode: onTime.code, redemptionId: onTime.id }))
        .status,
    ).toBe('picked_up');
    // The stock moves tell the same story as the shelf.
    const moves = await t.runtime.store.find<{ _id: string; delta: number; reason: string }>(
      GC_COLLECTIONS.stockMoves,
      { goodsId: 'goods-xiaoxiang-5' },
      { orderBy: [['seq', 'asc']], limit: 100 },
    );
    expect(moves.at(-1)).toMatchObject({ delta: 1, reason: '逾期未领取，回库' });
    expect(moves.reduce((s, m) => s + m.delta, 0)).toBe((await goods())?.stock);
    await expectLedgerInvariants(t.runtime.store);
  });

  it('staff edit place, hours and days; residents see them at once; days apply to approvals from then on', async () => {
    const before = await approvedOne('pickup-edit-1');
    const oldDeadline = (await before.session.ok('greencoin', 'redeem.mine', {})).items[0]?.pickup?.deadline;
    const staff = t.as('demo-staff');
    expect(await staff.ok('greencoin', 'pickup.get', {})).toMatchObject({
      place: '潇湘社区党群服务中心一楼爱心超市',
      days: 7,
      custom: true,
    });
    const saved = await staff.ok('greencoin', 'pickup.save', {
      place: '  潇湘社区 3 栋架空层爱心超市 ',
      hours: '每天 8:30–20:00',
      days: 3,
    });
    expect(saved).toMatchObject({ place: '潇湘社区 3 栋架空层爱心超市', hours: '每天 8:30–20:00', days: 3 });
    // The resident already approved sees the new place and hours, with the deadline they were given.
    const mine = (await before.session.ok('greencoin', 'redeem.mine', {})).items[0];
    expect(mine?.pickup).toEqual({
      place: '潇湘社区 3 栋架空层爱心超市',
      hours: '每天 8:30–20:00',
      deadline: oldDeadline,
    });
    // An approval after the change gets 3 days.
    const after = await approvedOne('pickup-edit-2');
    const next = (await after.session.ok('greencoin', 'redeem.mine', {})).items[0];
    expect(next?.pickup?.deadline).toBe(new Date(t.clock.now().getTime() + 3 * DAY).toISOString());
    const audit = await t.runtime.store.count('audit', { action: 'greencoin.pickup.save' });
    expect(audit).toBe(1);
  });

  it('bad settings are refused in Chinese and nothing is written; residents and other communities cannot edit', async () => {
    const staff = t.as('demo-staff');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ place: '', hours: '每天', days: 3 }, '领取地点至少 2 个字'],
      [{ place: '爱'.repeat(61), hours: '每天', days: 3 }, '领取地点不能超过 60 个字'],
      [{ place: '爱心超市', hours: '每天\n晚上', days: 3 }, '开放时间请写在一行内'],
      [{ place: '爱心超市', hours: '每天', days: 0 }, '领取期限至少 1 天'],
      [{ place: '爱心超市', hours: '每天', days: 31 }, '领取期限最多 30 天'],
      [{ place: '爱心超市', hours: '每天', days: 2.5 }, '领取期限须为整数天'],
    ];
    for (const [payload, message] of cases) {
      const answer = await staff.call('greencoin', 'pickup.save', payload as never);
      expect(codeOf(answer)).toBe('INVALID_INPUT');
      expect(answer.ok ? '' : answer.error.message).toContain(message);
    }
    const ok = { place: '爱心超市', hours: '每天', days: 3 };
    expect(codeOf(await t.as('demo-resident').call('greencoin', 'pickup.save', ok))).toBe('FORBIDDEN');
    expect(codeOf(await staff.call('greencoin', 'pickup.save', { ...ok, communityId: 'community-cuifeng' }))).toBe(
      'FORBIDDEN',
    );
    expect((await staff.ok('greencoin', 'pickup.get', {})).place).toBe('潇湘社区党群服务中心一楼爱心超市');
    expect(await t.runtime.store.count('audit', { action: 'greencoin.pickup.save' })).toBe(0);
  });
});
