import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS, startScheduler } from '../../local/scheduler';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { codeOf, expectLedgerInvariants, fund, key, newGoods, newResident } from './support';

describe('greencoin through the real handlers and embedded store', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await expectLedgerInvariants(t.runtime.store);
    await t.close();
  });

  it('seeded coins came through the ledger: balances, history with reasons, and a zero sum', async () => {
    const resident = t.as('demo-resident');
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 70, held: 0, available: 70 });
    const history = await resident.ok('greencoin', 'history', {});
    expect(history.items).toHaveLength(4);
    expect(history.items.every((i) => i.amount > 0 && i.reason.length > 0)).toBe(true);
    expect(await t.as('demo-volunteer').ok('greencoin', 'balance', {})).toMatchObject({ balance: 30 });
    const rubric = await resident.ok('greencoin', 'rubric.list', {});
    expect(rubric.categories.map((c) => c.name)).toEqual(['平安建设', '环境卫生', '社会公益', '邻里关系', '家庭和睦']);
    expect(rubric.categories.flatMap((c) => c.lines).some((l) => l.kind === 'veto')).toBe(true);
  });

  it('request holds coins and stock → approve captures → pickup with the code', async () => {
    const resident = t.as('demo-resident');
    const staff = t.as('demo-staff');
    const goods = await resident.ok('greencoin', 'goods.list', {});
    const detergent = goods.items.find((g) => g.name.startsWith('洗衣液'));
    expect(detergent).toBeDefined();
    const goodsId = detergent?.id ?? '';
    const requested = await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 2, idempotencyKey: key() });
    expect(requested).toMatchObject({ status: 'requested', amount: 60, pickupCode: null });
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 70, held: 60, available: 10 });
    const afterHold = (await resident.ok('greencoin', 'goods.list', {})).items.find((g) => g.id === goodsId);
    expect(afterHold).toMatchObject({ stock: 40, reserved: 2, available: 38 });

    const queue = await staff.ok('greencoin', 'redeem.queue', {});
    expect(queue.items.map((i) => i.id)).toContain(requested.id);
    expect(queue.items.find((i) => i.id === requested.id)).toMatchObject({ requester: '张阿姨', pickupCode: null });

    const approved = await staff.ok('greencoin', 'redeem.approve', { redemptionId: requested.id });
    expect(approved.status).toBe('approved');
    // The code is the resident's alone: the approver is not told it (it proves the resident came).
    expect(approved.pickupCode).toBeNull();
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 10, held: 0, available: 10 });
    const mine = await resident.ok('greencoin', 'redeem.mine', {});
    expect(mine.items[0]).toMatchObject({
      id: requested.id,
      status: 'approved',
      pickupCode: expect.stringMatching(/^\d{6}$/),
    });
    const pickupCode = mine.items[0]?.pickupCode ?? '';
    const history = await resident.ok('greencoin', 'history', {});
    expect(history.items[0]).toMatchObject({ amount: -60, balanceAfter: 10 });
    expect(history.items[0]?.reason).toContain('洗衣液');

    expect(codeOf(await staff.call('greencoin', 'redeem.pickup', { pickupCode: '000000' }))).toBe('NOT_FOUND');
    const picked = await staff.ok('greencoin', 'redeem.pickup', { pickupCode });
    expect(picked.status).toBe('picked_up');
    expect(
      codeOf(
        await staff.call('greencoin', 'redeem.pickup', {
          pickupCode,
          redemptionId: requested.id,
        }),
      ),
    ).toBe('CONFLICT');
    const afterPickup = (await resident.ok('greencoin', 'goods.list', {})).items.find((g) => g.id === goodsId);
    expect(afterPickup).toMatchObject({ stock: 38, reserved: 0 });

    const pub = await resident.ok('greencoin', 'ledger.public', {});
    expect(pub.thisMonth.redeemed).toBe(60);
    expect(pub.totals).toEqual({ outstanding: 100, redeemed: 60 });
    expect(JSON.stringify(pub)).not.toContain('user-resident');
    const recon = await staff.ok('greencoin', 'stock.reconcile', { month: pub.month });
    const row = recon.rows.find((r) => r.goodsId === goodsId);
    expect(row).toMatchObject({ opening: 0, in: 40, out: 2, closing: 38, currentStock: 38, consistent: true });
    expect(recon.consistent).toBe(true);
    expect((await t.as('demo-admin').ok('greencoin', 'ledger.reconcile', {})).ok).toBe(true);
  });

  it('reject (with reason), cancel and expiry each void the hold and release stock, exactly once', async () => {
    const resident = t.as('demo-resident');
    const staff = t.as('demo-staff');
    const goodsId = await newGoods(t, { price: 10, stock: 5 });
    const a = await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
    const b = await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
    const c = await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ held: 30 });

    expect(codeOf(await staff.call('greencoin', 'redeem.reject', { redemptionId: a.id, reason: '' }))).toBe(
      'INVALID_INPUT',
    );
    const rejected = await staff.ok('greencoin', 'redeem.reject', { redemptionId: a.id, reason: '本周暂停兑换' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '本周暂停兑换' });
    expect(codeOf(await staff.call('greencoin', 'redeem.approve', { redemptionId: a.id }))).toBe('CONFLICT');

    expect(codeOf(await t.as('demo-volunteer').call('greencoin', 'redeem.cancel', { redemptionId: b.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await resident.ok('greencoin', 'redeem.cancel', { redemptionId: b.id })).status).toBe('cancelled');
    expect(codeOf(await resident.call('greencoin', 'redeem.cancel', { redemptionId: b.id }))).toBe('CONFLICT');

    expect((await staff.ok('greencoin', 'redeem.expire', {})).expired).toBe(0);
    t.clock.advance(73 * 3600_000);
    expect((await staff.ok('greencoin', 'redeem.expire', {})).expired).toBe(1);
    expect((await staff.ok('greencoin', 'redeem.expire', {})).expired).toBe(0);
    expect((await resident.ok('greencoin', 'redeem.mine', { status: 'expired' })).items.map((i) => i.id)).toEqual([
      c.id,
    ]);
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 70, held: 0 });
    const goods = (await staff.ok('greencoin', 'goods.list', { includeInactive: true })).items.find(
      (g) => g.id === goodsId,
    );
    expect(goods).toMatchObject({ stock: 5, reserved: 0 });
    const messages = await t.runtime.store.find<{ _id: string; title: string }>('messages', {
      userId: 'user-resident',
    });
    expect(messages.map((m) => m.title).sort()).toEqual(['兑换申请已过期', '兑换申请未通过']);
  });

  it('the expiry also runs as the timer trigger (no signed-in caller), as the local scheduler fires it', async () => {
    const resident = t.as('demo-resident');
    const goodsId = await newGoods(t, { price: 10, stock: 5 });
    await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
    const timer = { Type: 'Timer', TriggerName: 'redemptionExpiry', Time: t.clock.now().toISOString() };
    // The body alone is no timer: without the platform's trigger (the scheduler) nothing runs.
    expect(codeOf(await t.runtime.invoke('greencoin', timer, null))).toBe('INVALID_INPUT');
    expect(await t.runtime.invoke('greencoin', timer, null, { trigger: 'timer' })).toEqual({
      ok: true,
      data: { expired: 0, lapsed: 0 },
    });
    t.clock.advance(73 * 3600_000);
    // A signed-in client cannot pass itself off as the timer.
    expect(codeOf(await t.runtime.invoke('greencoin', timer, 'demo-resident'))).toBe('INVALID_INPUT');
    const job = SCHEDULED_JOBS.find((j) => j.fn === 'greencoin');
    expect(job).toBeDefined();
    const scheduler = startScheduler(t.runtime, job ? [job] : []);
    await scheduler.runOnce();
    scheduler.stop();
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 70, held: 0 });
    expect((await resident.ok('greencoin', 'redeem.mine', {})).items[0]?.status).toBe('expired');
  });

  it('refuses overspending, overselling and per-person limits with the right codes', async () => {
    const resident = t.as('demo-resident');
    const oil = await newGoods(t, { price: 80, stock: 10 });
    expect(
      codeOf(await resident.call('greencoin', 'redeem.request', { goodsId: oil, quantity: 1, idempotencyKey: key() })),
    ).toBe('INSUFFICIENT_FUNDS');
    const scarce = await newGoods(t, { price: 1, stock: 2 });
    expect(
      codeOf(
        await resident.call('greencoin', 'redeem.request', { goodsId: scarce, quantity: 3, idempotencyKey: key() }),
      ),
    ).toBe('OUT_OF_STOCK');
    const limited = await newGoods(t, { price: 1, stock: 10, limitPerPerson: 2 });
    await resident.ok('greencoin', 'redeem.request', { goodsId: limited, quantity: 2, idempotencyKey: key() });
    expect(
      codeOf(
        await resident.call('greencoin', 'redeem.request', { goodsId: limited, quantity: 1, idempotencyKey: key() }),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(
        await resident.call('greencoin', 'redeem.request', { goodsId: limited, quantity: 0, idempotencyKey: key() }),
      ),
    ).toBe('INVALID_INPUT');
  });

  it('idempotency: same key + same payload → the original result; other payload → CONFLICT; failed stays failed', async () => {
    const { session, userId } = await newResident(t, 'wx-idem');
    const goodsId = await newGoods(t, { price: 10, stock: 50 });
    const k = key('fail');
    expect(codeOf(await session.call('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: k }))).toBe(
      'INSUFFICIENT_FUNDS',
    );
    await fund(t, userId, 2);
    // The money is there now, but the key already failed: it stays failed.
    expect(codeOf(await session.call('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: k }))).toBe(
      'INSUFFICIENT_FUNDS',
    );
    const k2 = key('ok');
    const first = await session.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: k2 });
    const again = await session.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: k2 });
    expect(again).toEqual(first);
    expect(
      codeOf(await session.call('greencoin', 'redeem.request', { goodsId, quantity: 2, idempotencyKey: k2 })),
    ).toBe('CONFLICT');
    expect(await session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 20, held: 10 });
    // Any key the client makes works, short or not plain ASCII.
    await fund(t, userId, 3);
    for (const odd of ['k', '兑换-洗衣液-第1次', 'a/b c|d']) {
      const one = await session.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: odd });
      expect(await session.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: odd })).toEqual(
        one,
      );
    }
    await session.ok('greencoin', 'redeem.cancel', { redemptionId: first.id });
    // Keys are per caller: another person's identical key is their own.
    const other = await newResident(t, 'wx-idem-2');
    expect(
      codeOf(await other.session.call('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: k2 })),
    ).toBe('INSUFFICIENT_FUNDS');
  });

  it('concurrency: balance N, M > N parallel requests → exactly N succeed', async () => {
    const { session, userId } = await newResident(t, 'wx-race');
    await fund(t, userId, 3);
    const goodsId = await newGoods(t, { price: 10, stock: 100 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        session.call('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(Array(5).fill('INSUFFICIENT_FUNDS'));
    expect(await session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 30, held: 30, available: 0 });
  });

  it('concurrency: stock N, M > N parallel requests from different people → exactly N succeed', async () => {
    const goodsId = await newGoods(t, { price: 1, stock: 3 });
    const people = await Promise.all(Array.from({ length: 7 }, (_, i) => newResident(t, `wx-buyer-${i}`)));
    for (const p of people) await fund(t, p.userId, 1);
    const results = await Promise.all(
      people.map((p) => p.session.call('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(Array(4).fill('OUT_OF_STOCK'));
  });

  it('concurrency: the same idempotency key 20× in parallel → one effect, one answer', async () => {
    const resident = t.as('demo-resident');
    const goodsId = await newGoods(t, { price: 3, stock: 100 });
    const k = key('par');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        resident.call('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: k }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.data.id : '')));
    expect(ids.size).toBe(1);
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ held: 3 });
    expect(await t.runtime.store.count('gc_redemptions', { goodsId })).toBe(1);

    const awardKey = key('award');
    const awards = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.as('demo-staff').call('greencoin', 'award', {
          userId: 'user-volunteer',
          lineId: 'env-1',
          note: '并发',
          idempotencyKey: awardKey,
        }),
      ),
    );
    expect(awards.every((r) => r.ok)).toBe(true);
    expect(await t.as('demo-volunteer').ok('greencoin', 'balance', {})).toMatchObject({ balance: 35 });
  });

  it('concurrency: approve vs reject (and vs cancel) on one request → exactly one wins', async () => {
    const resident = t.as('demo-resident');
    const goodsId = await newGoods(t, { price: 1, stock: 100 });
    for (let round = 0; round < 6; round += 1) {
      const r = await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
      const racers = [
        t.as('demo-staff').call('greencoin', 'redeem.approve', { redemptionId: r.id }),
        t.as('demo-admin').call('greencoin', 'redeem.reject', { redemptionId: r.id, reason: '并发驳回' }),
        round % 2 === 0
          ? resident.call('greencoin', 'redeem.cancel', { redemptionId: r.id })
          : t.as('demo-staff').call('greencoin', 'redeem.approve', { redemptionId: r.id }),
      ];
      const results = round % 3 === 0 ? await Promise.all(racers.reverse()) : await Promise.all(racers);
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      expect(results.filter((x) => !x.ok).map(codeOf)).toEqual(['CONFLICT', 'CONFLICT']);
    }
    await expectLedgerInvariants(t.runtime.store);
    const goods = (await resident.ok('greencoin', 'goods.list', {})).items.find((g) => g.id === goodsId);
    expect(goods?.reserved).toBe(0);
  });

  it('maker-checker: an award above the threshold waits for a different staff member', async () => {
    const staff = t.as('demo-staff');
    const big = await staff.ok('greencoin', 'award', {
      userId: 'user-resident',
      lineId: 'safe-2',
      note: '协助民警抓获小偷',
      idempotencyKey: key(),
    });
    expect(big).toMatchObject({ status: 'pending', amount: 100, postedAmount: 0 });
    expect(await t.as('demo-resident').ok('greencoin', 'balance', {})).toMatchObject({ balance: 70 });
    expect(codeOf(await staff.call('greencoin', 'award.approve', { awardId: big.id }))).toBe('FORBIDDEN');
    const pending = await t.as('demo-admin').ok('greencoin', 'award.pending', { communityId: DEMO.communityA });
    expect(pending.items.map((i) => i.id)).toContain(big.id);
    const approved = await t.as('demo-admin').ok('greencoin', 'award.approve', { awardId: big.id });
    expect(approved).toMatchObject({ status: 'posted', postedAmount: 100 });
    expect(codeOf(await t.as('demo-admin').call('greencoin', 'award.approve', { awardId: big.id }))).toBe('CONFLICT');
    expect(await t.as('demo-resident').ok('greencoin', 'balance', {})).toMatchObject({ balance: 170 });

    const other = await staff.ok('greencoin', 'award', {
      userId: 'user-resident',
      lineId: 'safe-2',
      note: '再次',
      idempotencyKey: key(),
    });
    await t.as('demo-admin').ok('greencoin', 'award.reject', { awardId: other.id, reason: '证据不足' });
    expect(await t.as('demo-resident').ok('greencoin', 'balance', {})).toMatchObject({ balance: 170 });
  });

  it('staff cannot approve their own redemption; another staff member can', async () => {
    const staff = t.as('demo-staff');
    await fund(t, 'user-staff', 2);
    const own = await staff.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    expect(codeOf(await staff.call('greencoin', 'redeem.approve', { redemptionId: own.id }))).toBe('FORBIDDEN');
    expect((await t.as('demo-admin').ok('greencoin', 'redeem.approve', { redemptionId: own.id })).status).toBe(
      'approved',
    );
  });

  it('penalties deduct (never below zero) and a veto blocks bonuses for the month', async () => {
    const staff = t.as('demo-staff');
    const { userId, session } = await newResident(t, 'wx-penalty');
    await fund(t, userId, 1);
    const deducted = await staff.ok('greencoin', 'award', {
      userId,
      lineId: 'safe-3',
      note: '楼道堆放纸箱',
      idempotencyKey: key(),
    });
    expect(deducted).toMatchObject({ kind: 'penalty', amount: 20, postedAmount: 10 });
    expect(await session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 0 });
    await staff.ok('greencoin', 'award', { userId, lineId: 'fam-2', note: '经核实', idempotencyKey: key() });
    expect(
      codeOf(await staff.call('greencoin', 'award', { userId, lineId: 'pub-1', note: '志愿', idempotencyKey: key() })),
    ).toBe('CONFLICT');
    expect(
      codeOf(await staff.call('greencoin', 'award', { userId, lineId: 'nope', note: 'x', idempotencyKey: key() })),
    ).toBe('NOT_FOUND');
  });

  it('scoping: staff power stops at their community; a resident sees only their own account', async () => {
    const outsider = await newResident(t, 'wx-cuifeng', DEMO.communityB);
    await fund(t, 'user-resident', 0);
    expect(
      codeOf(
        await t
          .as('demo-staff')
          .call('greencoin', 'award', { userId: outsider.userId, lineId: 'pub-1', note: 'x', idempotencyKey: key() }),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.as('demo-staff').call('greencoin', 'balance', { userId: outsider.userId }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await t.as('demo-staff').call('greencoin', 'redeem.queue', { communityId: DEMO.communityB }))).toBe(
      'FORBIDDEN',
    );
    expect((await t.as('demo-staff').ok('greencoin', 'balance', { userId: 'user-resident' })).balance).toBe(70);
    expect(codeOf(await t.as('demo-resident').call('greencoin', 'balance', { userId: 'user-volunteer' }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await t.as('demo-resident').call('greencoin', 'history', { userId: 'user-volunteer' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(
        await t
          .as('demo-resident')
          .call('greencoin', 'award', { userId: 'user-resident', lineId: 'pub-1', note: 'x', idempotencyKey: key() }),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.as('demo-resident').call('greencoin', 'redeem.approve', { redemptionId: 'x' }))).toBe(
      'FORBIDDEN',
    );
    // A cuifeng resident cannot buy from xiaoxiang's shop.
    await t
      .as('demo-admin')
      .ok('greencoin', 'award', { userId: outsider.userId, lineId: 'pub-1', note: 'x', idempotencyKey: key() });
    expect(
      codeOf(
        await outsider.session.call('greencoin', 'redeem.request', {
          goodsId: 'goods-xiaoxiang-4',
          quantity: 1,
          idempotencyKey: key(),
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.as(null).call('greencoin', 'balance', {}))).toBe('UNAUTHENTICATED');
  });

  it('restock and corrections are recorded as stock moves and reconcile', async () => {
    const staff = t.as('demo-staff');
    const goodsId = await newGoods(t, { price: 5, stock: 3 });
    const k = key();
    await staff.ok('greencoin', 'goods.restock', { goodsId, delta: 10, reason: '爱心企业捐赠', idempotencyKey: k });
    await staff.ok('greencoin', 'goods.restock', { goodsId, delta: 10, reason: '爱心企业捐赠', idempotencyKey: k });
    await staff.ok('greencoin', 'goods.restock', { goodsId, delta: -1, reason: '盘点破损', idempotencyKey: key() });
    await t.as('demo-resident').ok('greencoin', 'redeem.request', { goodsId, quantity: 5, idempotencyKey: key() });
    expect(
      codeOf(
        await staff.call('greencoin', 'goods.restock', { goodsId, delta: -10, reason: '盘点', idempotencyKey: key() }),
      ),
    ).toBe('OUT_OF_STOCK');
    const month = (await staff.ok('greencoin', 'ledger.public', {})).month;
    const row = (await staff.ok('greencoin', 'stock.reconcile', { month })).rows.find((r) => r.goodsId === goodsId);
    expect(row).toMatchObject({
      opening: 0,
      in: 13,
      adjust: -1,
      out: 0,
      closing: 12,
      currentStock: 12,
      reserved: 5,
      consistent: true,
    });
  });

  it('corrections are reversing entries: refund of an approved redemption, reversal of an award', async () => {
    const resident = t.as('demo-resident');
    const staff = t.as('demo-staff');
    const goodsId = await newGoods(t, { price: 20, stock: 3, limitPerPerson: 1 });
    const r = await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
    await staff.ok('greencoin', 'redeem.approve', { redemptionId: r.id });
    // The resident's code (the approver is not told it), tried again after the refund.
    const code = (await resident.ok('greencoin', 'redeem.mine', {})).items.find((i) => i.id === r.id)?.pickupCode ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 50 });
    const entriesBefore = await t.runtime.store.count('ledger_entries', {});
    const refunded = await staff.ok('greencoin', 'redeem.refund', { redemptionId: r.id, reason: '商品破损' });
    expect(refunded).toMatchObject({ status: 'refunded', refundReason: '商品破损' });
    expect(await resident.ok('greencoin', 'balance', {})).toMatchObject({ balance: 70 });
    // Nothing was edited: two more entries (the reversal), the original ones untouched.
    expect(await t.runtime.store.count('ledger_entries', {})).toBe(entriesBefore + 2);
    expect(codeOf(await staff.call('greencoin', 'redeem.refund', { redemptionId: r.id, reason: '再次' }))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await staff.call('greencoin', 'redeem.pickup', { pickupCode: code }))).toBe('NOT_FOUND');
    const goods = (await staff.ok('greencoin', 'goods.list', {})).items.find((g) => g.id === goodsId);
    expect(goods).toMatchObject({ stock: 3, reserved: 0 });
    // The per-person limit is released too.
    await resident.ok('greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: key() });
    const history = await resident.ok('greencoin', 'history', { limit: 3 });
    expect(history.items.map((i) => i.amount)).toEqual([20, -20, 5]);
    expect(history.items[0]?.reason).toContain('商品破损');

    const { userId, session } = await newResident(t, 'wx-reverse');
    const awarded = await staff.ok('greencoin', 'award', {
      userId,
      lineId: 'env-2',
      note: '美丽庭院',
      idempotencyKey: key(),
    });
    expect(await session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 20 });
    const reversed = await staff.ok('greencoin', 'award.reverse', { awardId: awarded.id, reason: '评错了人' });
    expect(reversed.status).toBe('reversed');
    expect(await session.ok('greencoin', 'balance', {})).toMatchObject({ balance: 0 });
    expect(codeOf(await staff.call('greencoin', 'award.reverse', { awardId: awarded.id, reason: '再次' }))).toBe(
      'CONFLICT',
    );
    // A bonus already spent cannot be taken back.
    const spent = await staff.ok('greencoin', 'award', {
      userId,
      lineId: 'env-2',
      note: '美丽庭院',
      idempotencyKey: key(),
    });
    await session.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 2,
      idempotencyKey: key(),
    });
    expect(codeOf(await staff.call('greencoin', 'award.reverse', { awardId: spent.id, reason: '评错' }))).toBe(
      'INSUFFICIENT_FUNDS',
    );
    const messages = await t.runtime.store.find<{ _id: string; title: string }>('messages', { userId });
    expect(messages.map((m) => m.title).sort()).toEqual(['撤销 20 绿币', '获得 20 绿币', '获得 20 绿币']);
    const pub = await staff.ok('greencoin', 'ledger.public', {});
    expect(pub.thisMonth.byCategory.find((c) => c.key === 'environment')?.issued).toBe(25 + 20);
  });

  it('staff publish their community rubric; the threshold and expiry follow it', async () => {
    const staff = t.as('demo-staff');
    const rubric = await staff.ok('greencoin', 'rubric.list', {});
    const lines = rubric.categories.flatMap((c) => c.lines);
    await staff.ok('greencoin', 'rubric.save', {
      title: '2027 版细则',
      lines,
      approvalThreshold: 10,
      redemptionExpiryHours: 1,
    });
    const pending = await staff.ok('greencoin', 'award', {
      userId: 'user-resident',
      lineId: 'nbr-1',
      note: '帮扶',
      idempotencyKey: key(),
    });
    expect(pending.status).toBe('pending');
    const r = await t
      .as('demo-resident')
      .ok('greencoin', 'redeem.request', { goodsId: 'goods-xiaoxiang-5', quantity: 1, idempotencyKey: key() });
    expect(new Date(r.expiresAt).getTime() - new Date(r.createdAt).getTime()).toBe(3600_000);
    expect(
      codeOf(
        await staff.call('greencoin', 'rubric.save', {
          title: 'x',
          lines: [...lines, lines[0]],
          approvalThreshold: 1,
          redemptionExpiryHours: 1,
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      codeOf(
        await staff.call('greencoin', 'rubric.save', {
          communityId: DEMO.communityB,
          title: 'x',
          lines,
          approvalThreshold: 1,
          redemptionExpiryHours: 1,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await t
          .as('demo-resident')
          .call('greencoin', 'rubric.save', { title: 'x', lines, approvalThreshold: 1, redemptionExpiryHours: 1 }),
      ),
    ).toBe('FORBIDDEN');
  });
});
