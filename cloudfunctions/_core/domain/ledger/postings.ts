/**
 * Double-entry postings. A posting moves an integer amount between accounts as legs that sum to
 * zero; each leg becomes one append-only entry on its account, so an account's balance is the sum
 * of its entries. Corrections never edit an entry: they post a reversal (the legs negated).
 */
import { type AccountDoc, type Currency, isSystemKind, mayGoNegative, parseAccountId, rootAccountId } from './accounts';
import { LedgerError } from './errors';

export interface Leg {
  accountId: string;
  /** Signed integer: negative leaves the account, positive enters it. */
  amount: number;
}

/** What a posting is for: shown in histories and summed by the public ledger. */
export interface PostingMeta {
  /** Chinese, for people: "垃圾分类示范户" / "兑换 洗衣液 ×1". */
  reason: string;
  /** Machine kind: award, deduct, redeem, refund, reward, hours, reversal … */
  kind: string;
  /** Rubric category or another grouping key for totals. */
  category?: string | null;
  /** The business object behind it, e.g. { collection: 'gc_redemptions', id }. */
  ref?: { collection: string; id: string } | null;
  actorUserId?: string | null;
}

export interface Posting extends PostingMeta {
  id: string;
  currency: Currency;
  legs: Leg[];
  at: string;
  /** The posting this one reverses, if it is a correction. */
  reverses?: string | null;
}

export interface EntryDoc {
  /** `<postingId>:<legIndex>`: a retried transaction writes the same ids, never a second copy. */
  _id: string;
  postingId: string;
  accountId: string;
  currency: Currency;
  amount: number;
  /** 1, 2, 3 … per account: orders an account's history even when entries share a timestamp. */
  seq: number;
  /** The account's balance right after this entry. */
  balanceAfter: number;
  /** For an entry on a system (sub-)account: the community-level account, so its history reads in one query. */
  systemAccountId?: string | null;
  reason: string;
  kind: string;
  category: string | null;
  refCollection: string | null;
  refId: string | null;
  actorUserId: string | null;
  reverses: string | null;
  at: string;
}

export const isPositiveAmount = (amount: number): boolean => Number.isSafeInteger(amount) && amount > 0;

/** A transfer of `amount` from one account to another: the common two-leg posting. */
export function transferLegs(from: string, to: string, amount: number): Leg[] {
  if (!isPositiveAmount(amount))
    throw new LedgerError('invalid_amount', `amount must be a positive integer: ${amount}`);
  if (from === to) throw new LedgerError('invalid_amount', 'a transfer needs two different accounts');
  return [
    { accountId: from, amount: -amount },
    { accountId: to, amount },
  ];
}

/** Legs must be non-zero integers in one currency, on distinct accounts, summing to zero. */
export function validateLegs(currency: Currency, legs: readonly Leg[]): void {
  if (legs.length < 2) throw new LedgerError('unbalanced', 'a posting needs at least two legs');
  let sum = 0;
  const seen = new Set<string>();
  for (const leg of legs) {
    if (!Number.isSafeInteger(leg.amount) || leg.amount === 0) {
      throw new LedgerError('invalid_amount', `leg amount must be a non-zero integer: ${leg.amount}`);
    }
    if (parseAccountId(leg.accountId).currency !== currency) {
      throw new LedgerError('currency_mismatch', `account ${leg.accountId} is not in ${currency}`);
    }
    if (seen.has(leg.accountId)) throw new LedgerError('unbalanced', 'each account appears once in a posting');
    seen.add(leg.accountId);
    sum += leg.amount;
  }
  if (sum !== 0) throw new LedgerError('unbalanced', `legs must sum to zero, got ${sum}`);
}

export interface AccountState {
  balance: number;
  held: number;
  entryCount: number;
}

/**
 * Applies legs to the accounts (pure): returns the updated balances or throws when a user
 * account would be overdrawn. `releaseHeld` is what a captured hold frees on an account.
 */
export function applyLegs(
  accounts: ReadonlyMap<string, Pick<AccountDoc, '_id' | 'kind' | 'balance' | 'held' | 'entryCount'>>,
  legs: readonly Leg[],
  releaseHeld: ReadonlyMap<string, number> = new Map(),
): Map<string, AccountState> {
  const next = new Map<string, AccountState>();
  for (const leg of legs) {
    const account = accounts.get(leg.accountId);
    if (!account) throw new LedgerError('unknown_account', `unknown account ${leg.accountId}`);
    const held = account.held - (releaseHeld.get(leg.accountId) ?? 0);
    const balance = account.balance + leg.amount;
    if (held < 0) throw new LedgerError('hold_not_open', `held would go negative on ${leg.accountId}`);
    if (!mayGoNegative(account.kind) && balance - held < 0) {
      throw new LedgerError('insufficient_funds', `insufficient funds on ${leg.accountId}`);
    }
    next.set(leg.accountId, { balance, held, entryCount: (account.entryCount ?? 0) + 1 });
  }
  return next;
}

/** The posting that undoes another: same accounts, amounts negated. */
export function reversalLegs(original: readonly Leg[]): Leg[] {
  return original.map((leg) => ({ accountId: leg.accountId, amount: -leg.amount }));
}

export function entryDocs(posting: Posting, after: ReadonlyMap<string, AccountState>): EntryDoc[] {
  return posting.legs.map((leg, index) => ({
    _id: `${posting.id}:${index}`,
    postingId: posting.id,
    accountId: leg.accountId,
    currency: posting.currency,
    amount: leg.amount,
    seq: after.get(leg.accountId)?.entryCount ?? Number.NaN,
    balanceAfter: after.get(leg.accountId)?.balance ?? Number.NaN,
    systemAccountId: isSystemKind(parseAccountId(leg.accountId).kind) ? rootAccountId(leg.accountId) : null,
    reason: posting.reason,
    kind: posting.kind,
    category: posting.category ?? null,
    refCollection: posting.ref?.collection ?? null,
    refId: posting.ref?.id ?? null,
    actorUserId: posting.actorUserId ?? null,
    reverses: posting.reverses ?? null,
    at: posting.at,
  }));
}
