import { expect } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { CURRENCIES, checkLedgerInvariants } from '../../cloudfunctions/_core/ledger';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';
import type { Envelope } from '../../cloudfunctions/api';
import { DEMO } from '../../local/seed';
import type { TestRuntime } from '../support/runtime';

let keyCounter = 0;
/** A fresh client-made idempotency key. */
export const key = (label = 'k'): string => {
  keyCounter += 1;
  return `${label}-${keyCounter.toString().padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`;
};

export const codeOf = (envelope: Envelope<unknown>): string => (envelope.ok ? 'OK' : envelope.error.code);

/** A brand-new resident of a community, with no coins. */
export async function newResident(t: TestRuntime, openid: string, communityId: string = DEMO.communityA) {
  const s = t.as(openid);
  await s.ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
  const gridId = communityId === DEMO.communityA ? DEMO.gridA1 : DEMO.gridB1;
  const me = await s.ok('identity', 'joinCommunity', { communityId, gridId });
  return { session: s, userId: me.userId };
}

/** Gives a resident coins through staff awards of the rubric's 10-coin line (参加志愿服务半天). */
export async function fund(t: TestRuntime, userId: string, tens: number): Promise<void> {
  for (let i = 0; i < tens; i += 1) {
    const made = await t
      .as('demo-staff')
      .ok('greencoin', 'award', { userId, lineId: 'pub-1', note: '测试发放', idempotencyKey: key('fund') });
    // Maker-checker: awards for oneself, and past the month's unreviewed limit per person, wait
    // for a second approver (the street admin here).
    if (made.status === 'pending') await t.as('demo-admin').ok('greencoin', 'award.approve', { awardId: made.id });
  }
}

/** A goods item made by staff for a test. */
export async function newGoods(
  t: TestRuntime,
  input: { price: number; stock: number; limitPerPerson?: number; name?: string },
): Promise<string> {
  const saved = await t.as('demo-staff').ok('greencoin', 'goods.save', {
    name: input.name ?? '测试商品',
    price: input.price,
    initialStock: input.stock,
    limitPerPerson: input.limitPerPerson ?? 0,
    limitPeriod: 'month',
  });
  return saved.id;
}

/** The ledger invariants, checked straight against the store with the reconcile action's own check. */
export async function expectLedgerInvariants(store: DocStore): Promise<void> {
  for (const currency of CURRENCIES) {
    const check = await checkLedgerInvariants(store, currency);
    expect(check.problems, `${currency} ledger`).toEqual([]);
    expect(check.total).toBe(0);
  }
}
