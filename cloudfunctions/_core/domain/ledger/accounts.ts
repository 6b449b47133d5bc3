/**
 * Ledger accounts: one document per (currency, owner), `_id = '<currency>:<owner>'`.
 *
 * Owners are `user:<userId>` for people and `issuer:<communityId>` / `sink:<communityId>` for the
 * system accounts of a community. The issuer is where coins and points come from (its balance is
 * minus everything in circulation, so it is the only account that may go negative); the sink is
 * where redeemed currency goes. Together they make every balance sum to zero.
 *
 * No hot documents: a system account is kept as one sub-account per counterparty,
 * `<currency>:<kind>:<communityId>/<userId>` (a posting between a person and the community writes the
 * person's account and the community's sub-account for that person, never a document another
 * resident's posting writes). The community's issuer or sink balance is the sum of its
 * sub-accounts (and of the plain `<currency>:<kind>:<communityId>` document, used only by postings
 * with no single person on the other side). Each sub-account is an ordinary account: its balance
 * is the sum of its entries, and all balances still sum to zero. See docs/LEDGER.md.
 */
import { LedgerError } from './errors';

export const CURRENCIES = ['GC', 'TP', 'RW'] as const;
export type Currency = (typeof CURRENCIES)[number];

// RW: 举报奖励 in whole yuan, kept apart from coins and points so a reward is never spendable as either.
export const CURRENCY_LABELS: Record<Currency, string> = { GC: '绿币', TP: '时间积分', RW: '举报奖金（元）' };

export const ACCOUNT_KINDS = ['user', 'issuer', 'sink'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface AccountDoc {
  _id: string;
  currency: Currency;
  kind: AccountKind;
  /** userId for user accounts, communityId for system accounts. */
  ownerId: string;
  /** For a system sub-account: the person (userId) whose postings it carries. */
  shard?: string | null;
  /** Integer units; for users always >= held. */
  balance: number;
  /** Reserved by pending holds; spendable = balance - held. */
  held: number;
  /** Number of entries on the account; each entry carries its sequence number (history order). */
  entryCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface AccountRef {
  currency: Currency;
  kind: AccountKind;
  ownerId: string;
  /** System sub-accounts only: the counterparty's userId. */
  shard?: string;
}

const OWNER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

export function accountId(ref: AccountRef): string {
  if (!OWNER_ID.test(ref.ownerId)) throw new LedgerError('invalid_account', `invalid account owner: ${ref.ownerId}`);
  if (ref.shard !== undefined) {
    if (ref.kind === 'user' || !OWNER_ID.test(ref.shard))
      throw new LedgerError('invalid_account', `invalid sub-account: ${ref.shard}`);
    return `${ref.currency}:${ref.kind}:${ref.ownerId}/${ref.shard}`;
  }
  return `${ref.currency}:${ref.kind}:${ref.ownerId}`;
}

export const userAccount = (currency: Currency, userId: string): string =>
  accountId({ currency, kind: 'user', ownerId: userId });
export const issuerAccount = (currency: Currency, communityId: string): string =>
  accountId({ currency, kind: 'issuer', ownerId: communityId });
export const sinkAccount = (currency: Currency, communityId: string): string =>
  accountId({ currency, kind: 'sink', ownerId: communityId });

export function parseAccountId(id: string): AccountRef {
  const [currency = '', kind = '', ...rest] = id.split(':');
  const [ownerId = '', shard, ...more] = rest.join(':').split('/');
  if (!(CURRENCIES as readonly string[]).includes(currency) || !(ACCOUNT_KINDS as readonly string[]).includes(kind)) {
    throw new LedgerError('invalid_account', `invalid account id: ${id}`);
  }
  if (!OWNER_ID.test(ownerId) || more.length > 0) throw new LedgerError('invalid_account', `invalid account id: ${id}`);
  if (shard === undefined) return { currency: currency as Currency, kind: kind as AccountKind, ownerId };
  if (kind === 'user' || !OWNER_ID.test(shard)) throw new LedgerError('invalid_account', `invalid account id: ${id}`);
  return { currency: currency as Currency, kind: kind as AccountKind, ownerId, shard };
}

export const isSystemKind = (kind: AccountKind): boolean => kind !== 'user';

/** The community-level account a sub-account belongs to (itself when it is not a sub-account). */
export function rootAccountId(id: string): string {
  const { shard: _shard, ...root } = parseAccountId(id);
  return accountId(root);
}

/**
 * Routes the system legs of a posting to the sub-accounts of its one person: with exactly one
 * user account among the legs, every plain system leg becomes `<system>/<userId>`. Legs already on
 * a sub-account (a reversal copies them) and postings with no or several people stay as they are.
 */
export function routeSystemLegs<L extends { accountId: string }>(legs: readonly L[]): L[] {
  const people = new Set(
    legs.map((leg) => parseAccountId(leg.accountId)).flatMap((ref) => (ref.kind === 'user' ? [ref.ownerId] : [])),
  );
  if (people.size !== 1) return [...legs];
  const [person] = [...people] as [string];
  return legs.map((leg) => {
    const ref = parseAccountId(leg.accountId);
    return isSystemKind(ref.kind) && ref.shard === undefined
      ? { ...leg, accountId: accountId({ ...ref, shard: person }) }
      : leg;
  });
}

/** Only the issuer may be overdrawn: its negative balance is the amount in circulation. */
export const mayGoNegative = (kind: AccountKind): boolean => kind === 'issuer';

export function newAccount(id: string, at: string): AccountDoc {
  const { shard, ...ref } = parseAccountId(id);
  return {
    _id: id,
    ...ref,
    ...(shard !== undefined ? { shard } : {}),
    balance: 0,
    held: 0,
    entryCount: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export const available = (account: Pick<AccountDoc, 'balance' | 'held'>): number => account.balance - account.held;
