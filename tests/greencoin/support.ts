import { expect } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import type { AccountDoc, EntryDoc, HoldDoc } from '../../cloudfunctions/_core/ledger';
import { LEDGER_COLLECTIONS } from '../../cloudfunctions/_core/ledger';
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

async function all<T extends { _id: string }>(store: DocStore, collection: string, filter = {}): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<T>(collection, filter, { orderBy: [['_id', 'asc']], skip, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** The ledger invariants, checked straight against the store. */
export async function expectLedgerInvariants(store: DocStore): Promise<void> {
  const accounts = await all<AccountDoc>(store, LEDGER_COLLECTIONS.accounts);
  const entries = await all<EntryDoc>(store, LEDGER_COLLECTIONS.entries);
  const holds = await all<HoldDoc>(store, LEDGER_COLLECTIONS.holds, { status: 'pending' });
  for (const currency of ['GC', 'TP']) {
    expect(accounts.filter((a) => a.currency === currency).reduce((s, a) => s + a.balance, 0)).toBe(0);
  }
  const byPosting = new Map<string, number>();
  const byAccount = new Map<string, number>();
  for (const e of entries) {
    expect(Number.isSafeInteger(e.amount)).toBe(true);
    byPosting.set(e.postingId, (byPosting.get(e.postingId) ?? 0) + e.amount);
    byAccount.set(e.accountId, (byAccount.get(e.accountId) ?? 0) + e.amount);
  }
  for (const [posting, sum] of byPosting) expect(sum, `posting ${posting}`).toBe(0);
  const heldBy = new Map<string, number>();
  for (const h of holds) heldBy.set(h.accountId, (heldBy.get(h.accountId) ?? 0) + h.amount);
  for (const a of accounts) {
    expect(a.balance, `balance of ${a._id}`).toBe(byAccount.get(a._id) ?? 0);
    expect(a.held, `held of ${a._id}`).toBe(heldBy.get(a._id) ?? 0);
    if (a.kind !== 'issuer') expect(a.balance - a.held, `available of ${a._id}`).toBeGreaterThanOrEqual(0);
    expect(a.held).toBeGreaterThanOrEqual(0);
  }
}
