/**
 * Ledger accounts: one document per (currency, owner), `_id = '<currency>:<owner>'`.
 *
 * Owners are `user:<userId>` for people and `issuer:<communityId>` / `sink:<communityId>` for the
 * system accounts of a community. The issuer is where coins and points come from (its balance is
 * minus everything in circulation, so it is the only account that may go negative); the sink is
 * where redeemed currency goes. Together they make every balance sum to zero.
 */
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
}

const OWNER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

export function accountId(ref: AccountRef): string {
  if (!OWNER_ID.test(ref.ownerId)) throw new Error(`invalid account owner: ${ref.ownerId}`);
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
  const ownerId = rest.join(':');
  if (!(CURRENCIES as readonly string[]).includes(currency) || !(ACCOUNT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`invalid account id: ${id}`);
  }
  if (!OWNER_ID.test(ownerId)) throw new Error(`invalid account id: ${id}`);
  return { currency: currency as Currency, kind: kind as AccountKind, ownerId };
}

/** Only the issuer may be overdrawn: its negative balance is the amount in circulation. */
export const mayGoNegative = (kind: AccountKind): boolean => kind === 'issuer';

export function newAccount(id: string, at: string): AccountDoc {
  const ref = parseAccountId(id);
  return { _id: id, ...ref, balance: 0, held: 0, entryCount: 0, createdAt: at, updatedAt: at };
}

export const available = (account: Pick<AccountDoc, 'balance' | 'held'>): number => account.balance - account.held;
