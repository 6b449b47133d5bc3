/**
 * The ledger's invariants, as one pure tally: the reconcile action and the tests feed it the same
 * documents (page by page, so no full copy is needed) and read the same list of problems.
 *   - every entry is a non-zero safe integer and every posting's entries sum to zero;
 *   - each account's balance is the sum of its entries, its held the sum of its hold records;
 *   - no account is overdrawn except an issuer, and held is never negative;
 *   - the balances of one currency sum to zero; no entry lacks its account.
 */
import type { AccountDoc, Currency } from './accounts';
import { type HoldRecord, heldDeltaOf } from './holds';
import type { EntryDoc } from './postings';

export interface LedgerCheck {
  currency: Currency;
  accounts: number;
  /** Sum of all balances of the currency: 0 when the books balance. */
  total: number;
  ok: boolean;
  /** Each broken invariant, naming the account or posting (at most `limit`). */
  problems: string[];
}

export class LedgerTally {
  private readonly byAccount = new Map<string, number>();
  private readonly byPosting = new Map<string, number>();
  private readonly heldBy = new Map<string, number>();
  private readonly problems: string[] = [];
  private accounts = 0;
  private total = 0;

  constructor(readonly currency: Currency) {}

  entry(e: Pick<EntryDoc, '_id' | 'postingId' | 'accountId' | 'amount'>): void {
    if (!Number.isSafeInteger(e.amount) || e.amount === 0) this.problems.push(`${e._id}: amount ${e.amount}`);
    this.byAccount.set(e.accountId, (this.byAccount.get(e.accountId) ?? 0) + e.amount);
    this.byPosting.set(e.postingId, (this.byPosting.get(e.postingId) ?? 0) + e.amount);
  }

  holdRecord(record: HoldRecord): void {
    this.heldBy.set(record.accountId, (this.heldBy.get(record.accountId) ?? 0) + heldDeltaOf(record));
  }

  /** Accounts come last: each is checked against the entries and hold records seen before. */
  account(a: Pick<AccountDoc, '_id' | 'kind' | 'balance' | 'held'>): void {
    this.accounts += 1;
    this.total += a.balance;
    if ((this.byAccount.get(a._id) ?? 0) !== a.balance) this.problems.push(`${a._id}: balance ≠ entries`);
    if ((this.heldBy.get(a._id) ?? 0) !== a.held) this.problems.push(`${a._id}: held ≠ pending holds`);
    if (a.held < 0) this.problems.push(`${a._id}: held below zero`);
    if (a.kind !== 'issuer' && a.balance - a.held < 0) this.problems.push(`${a._id}: overdrawn`);
    this.byAccount.delete(a._id);
    this.heldBy.delete(a._id);
  }

  result(limit = 50): LedgerCheck {
    const problems = [...this.problems];
    for (const [posting, sum] of this.byPosting) if (sum !== 0) problems.push(`posting ${posting}: legs sum to ${sum}`);
    for (const id of this.byAccount.keys()) problems.push(`${id}: entries without account`);
    for (const [id, held] of this.heldBy) if (held !== 0) problems.push(`${id}: holds without account`);
    if (this.total !== 0) problems.push(`balances sum to ${this.total}`);
    return {
      currency: this.currency,
      accounts: this.accounts,
      total: this.total,
      ok: problems.length === 0,
      problems: problems.slice(0, limit),
    };
  }
}
