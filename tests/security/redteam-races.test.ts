import { afterAll, describe, expect, it } from 'vitest';
import { GC_COLLECTIONS, type RedemptionDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { readReportFigures } from '../../cloudfunctions/_core/ledger/reportFigures';
import { readStock } from '../../cloudfunctions/greencoin/stock';
import { DEMO } from '../../local/seed';
import { photo, reportInput } from '../functions/reports.support';
import { codeOf, expectLedgerInvariants, fund, key, newResident } from '../greencoin/support';
import { startTestRuntime } from '../support/runtime';

// Two decisions about one thing at once, as a prober fires them (Promise.all: separate function
// instances on CloudBase): exactly one wins, the other is refused in Chinese, and the coins, the
// hold and the stock end exactly where the winner alone would have left them.

const GOODS = 'goods-xiaoxiang-5';
const PRICE = 10;

type Step = 'approve' | 'approve2' | 'cancel' | 'reject' | 'refund' | 'pickup';
/**
 * What the winner leaves, from the state just before the race: coins spent, and how the shelf's
 * stock and reservations moved (a pending request holds one reservation; approval takes the item
 * off the shelf; a refund puts it back).
 */
const OUTCOME: Record<Step, { spent: number; stock: number; reserved: number }> = {
  approve: { spent: PRICE, stock: -1, reserved: -1 },
  approve2: { spent: PRICE, stock: -1, reserved: -1 },
  cancel: { spent: 0, stock: 0, reserved: -1 },
  reject: { spent: 0, stock: 0, reserved: -1 },
  refund: { spent: 0, stock: 1, reserved: 0 },
  pickup: { spent: PRICE, stock: 0, reserved: 0 },
};

describe('redteam: parallel decisions on one redemption, one report', async () => {
  const t = await startTestRuntime();
  afterAll(() => t.close());
  const stock = async () =>
    (await readStock(t.runtime.store, [GOODS])).get(GOODS) as { stock: number; reserved: number };
  let n = 0;

  const races: Array<{ approved: boolean; steps: [Step, Step] }> = [
    { approved: false, steps: ['approve', 'cancel'] },
    { approved: false, steps: ['cancel', 'approve'] },
    { approved: false, steps: ['approve', 'reject'] },
    { approved: false, steps: ['approve', 'approve2'] },
    { approved: false, steps: ['reject', 'cancel'] },
    { approved: false, steps: ['cancel', 'cancel'] },
    { approved: true, steps: ['pickup', 'refund'] },
    { approved: true, steps: ['refund', 'pickup'] },
    { approved: true, steps: ['refund', 'refund'] },
    { approved: true, steps: ['cancel', 'refund'] },
  ];

  it.each(races.map((r) => [r.steps.join(' ∥ '), r] as const))('%s', async (_label, race) => {
    n += 1;
    const r = await newResident(t, `race-${n}`);
    await fund(t, r.userId, 2);
    const asked = await r.session.ok('greencoin', 'redeem.request', {
      goodsId: GOODS,
      quantity: 1,
      idempotencyKey: key(),
    });
    let code = '';
    if (race.approved) {
      await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
      code =
        (await r.session.ok('greencoin', 'redeem.mine', {})).items.find((i) => i.id === asked.id)?.pickupCode ?? '';
    }
    const base = await stock();
    const go = (step: Step) => {
      const id = { redemptionId: asked.id };
      switch (step) {
        case 'approve':
          return t.as('demo-staff').call('greencoin', 'redeem.approve', id);
        case 'approve2':
          return t.as('demo-admin').call('greencoin', 'redeem.approve', id);
        case 'cancel':
          return r.session.call('greencoin', 'redeem.cancel', id);
        case 'reject':
          return t.as('demo-admin').call('greencoin', 'redeem.reject', { ...id, reason: '库存核对有误' });
        case 'refund':
          return t.as('demo-admin').call('greencoin', 'redeem.refund', { ...id, reason: '居民不需要了' });
        case 'pickup':
          return t.as('demo-staff').call('greencoin', 'redeem.pickup', { ...id, pickupCode: code });
      }
    };
    const results = await Promise.all(race.steps.map(go));
    const won = results.map(codeOf);
    // Exactly one decision lands (an approved request cannot be cancelled by its owner at all).
    expect(
      won.filter((c) => c === 'OK'),
      JSON.stringify(results),
    ).toHaveLength(1);
    for (const lost of results.filter((x) => !x.ok)) {
      expect(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN']).toContain(codeOf(lost));
      expect(lost.ok ? '' : lost.error.message).toMatch(/\p{Script=Han}/u);
    }
    const winner = race.steps[won.indexOf('OK')] as Step;
    const doc = await t.runtime.store.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, asked.id);
    const balance = await r.session.ok('greencoin', 'balance', {});
    const expected = OUTCOME[winner];
    expect(balance.balance, `${winner} won: balance`).toBe(2 * PRICE - expected.spent);
    expect(balance.held, `${winner} won: held`).toBe(0);
    const after = await stock();
    expect(after.stock, `${winner} won: stock`).toBe(base.stock + expected.stock);
    expect(after.reserved, `${winner} won: reserved`).toBe(base.reserved + expected.reserved);
    expect(doc?.status).toBe(
      {
        approve: 'approved',
        approve2: 'approved',
        cancel: 'cancelled',
        reject: 'rejected',
        refund: 'refunded',
        pickup: 'picked_up',
      }[winner],
    );
  });

  it('and the books balance after every race', async () => {
    await expectLedgerInvariants(t.runtime.store);
  });

  const rated = async (p: { from: string; to: string }) => {
    const f = await readReportFigures(t.runtime.store, { communityIds: [DEMO.communityA] }, p.from, p.to);
    return f.satisfied + f.unsatisfied;
  };

  it('a resident rating a report three times at once: one rating counts', async () => {
    const input = await reportInput(t);
    const { id } = (await t
      .as('demo-resident')
      .ok('reports', 'submit', { ...input, idempotencyKey: key() } as never)) as { id: string };
    const worker = t.as('demo-gridworker');
    await worker.ok('reports', 'accept', { reportId: id });
    await worker.ok('reports', 'start', { reportId: id });
    const evidence = await photo(t, 'demo-gridworker');
    await worker.ok('reports', 'resolve', { reportId: id, answer: '已经处理完毕，请查看照片', photos: [evidence] });
    const me = t.as('demo-resident');
    const day = {
      from: new Date(t.clock.now().getTime() - 86_400_000).toISOString(),
      to: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    };
    const ratedBefore = await rated(day);
    const results = await Promise.all([
      me.call('reports', 'rate', { reportId: id, score: 5 }),
      me.call('reports', 'rate', { reportId: id, score: 1, comment: '没有修好' }),
      me.call('reports', 'rate', { reportId: id, score: 4 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(['CONFLICT', 'CONFLICT']);
    // The figures count one rating, not three.
    expect(await rated(day)).toBe(ratedBefore + 1);
  });
});
