/**
 * The ledger's store-facing API, shared by green coins (GC), the time bank (TP) and report
 * rewards. Every function here runs INSIDE a caller's DocStore transaction (`tx`), so the balance,
 * hold and entry changes land together with the caller's own documents, or not at all. Ids and
 * times are passed in (made before the transaction), which keeps transaction bodies retry-safe.
 *
 *   await store.runTransaction(async (tx) => {
 *     await post(tx, { id, currency: 'GC', from: issuerAccount('GC', c), to: userAccount('GC', u),
 *                      amount: 10, reason: '垃圾分类示范户', kind: 'award', at });
 *   });
 *
 * Writes that a client can repeat go through `idempotent(...)` (`_core/idempotency`) with the client's key.
 */
import {
  type AccountDoc,
  type AccountState,
  applyLegs,
  type Currency,
  type EntryDoc,
  entryDocs,
  type HoldAction,
  type HoldDoc,
  type HoldOpenDoc,
  type HoldRecord,
  type HoldResolutionDoc,
  holdResolutionId,
  holdState,
  isPositiveAmount,
  type LedgerCheck,
  LedgerError,
  LedgerTally,
  type Leg,
  newAccount,
  nextHoldStatus,
  type Posting,
  type PostingMeta,
  parseAccountId,
  reversalLegs,
  routeSystemLegs,
  transferLegs,
  validateLegs,
} from '../domain/ledger';
import type { DocStore, TxStore } from '../store/docstore';

export * from '../domain/ledger';
/**
 * Moved to `_core/idempotency` (it is not the ledger's: reports, goods and services use it too).
 * Re-exported only for greencoin's redeem/goods and timebank's services, which others edit this stop;
 * they import it from `_core/idempotency` when `_core/redemption` lands. Import it from there.
 */
export { idempotent } from '../idempotency';

export const LEDGER_COLLECTIONS = {
  accounts: 'ledger_accounts',
  entries: 'ledger_entries',
  /** Append-only hold records: the open record and, once resolved, its resolution record. */
  holds: 'ledger_holds',
} as const;

async function loadAccounts(tx: TxStore, ids: readonly string[], at: string) {
  const accounts = new Map<string, AccountDoc>();
  const created = new Set<string>();
  for (const id of ids) {
    const found = await tx.get<AccountDoc>(LEDGER_COLLECTIONS.accounts, id);
    if (found) accounts.set(id, found);
    else {
      accounts.set(id, newAccount(id, at));
      created.add(id);
    }
  }
  return { accounts, created };
}

async function writeAccounts(
  tx: TxStore,
  accounts: Map<string, AccountDoc>,
  created: Set<string>,
  next: Map<string, AccountState>,
  at: string,
): Promise<void> {
  for (const [id, values] of next) {
    const account = accounts.get(id) as AccountDoc;
    if (created.has(id)) {
      await tx.insert<AccountDoc>(LEDGER_COLLECTIONS.accounts, { ...account, ...values, updatedAt: at });
    } else {
      await tx.updateById(LEDGER_COLLECTIONS.accounts, id, { $set: { ...values, updatedAt: at } });
    }
  }
}

export interface PostLegsInput extends PostingMeta {
  /** Made before the transaction: the entries get `<id>:<leg>` ids. */
  id: string;
  currency: Currency;
  legs: Leg[];
  at: string;
  reverses?: string | null;
}

/** Posts a balanced set of legs: checks, updates balances and appends one entry per leg. */
export async function postLegs(
  tx: TxStore,
  input: PostLegsInput,
  releaseHeld: ReadonlyMap<string, number> = new Map(),
): Promise<Posting> {
  validateLegs(input.currency, input.legs);
  // The community's side goes to the person's sub-account: no document shared with another resident.
  const legs = routeSystemLegs(input.legs);
  const { accounts, created } = await loadAccounts(
    tx,
    legs.map((l) => l.accountId),
    input.at,
  );
  const next = applyLegs(accounts, legs, releaseHeld);
  const posting: Posting = {
    id: input.id,
    currency: input.currency,
    legs,
    at: input.at,
    reason: input.reason,
    kind: input.kind,
    category: input.category ?? null,
    ref: input.ref ?? null,
    actorUserId: input.actorUserId ?? null,
    reverses: input.reverses ?? null,
  };
  await writeAccounts(tx, accounts, created, next, input.at);
  for (const entry of entryDocs(posting, next)) await tx.insert<EntryDoc>(LEDGER_COLLECTIONS.entries, entry);
  return posting;
}

export interface PostInput extends PostingMeta {
  id: string;
  currency: Currency;
  from: string;
  to: string;
  amount: number;
  at: string;
}

/** Moves `amount` from one account to another (issuer → user for an award, user → issuer for a deduction). */
export async function post(tx: TxStore, input: PostInput): Promise<Posting> {
  const { from, to, amount, ...rest } = input;
  return postLegs(tx, { ...rest, legs: transferLegs(from, to, amount) });
}

export interface HoldInput {
  id: string;
  currency: Currency;
  from: string;
  to: string;
  amount: number;
  reason: string;
  kind: string;
  category?: string | null;
  ref?: { collection: string; id: string } | null;
  at: string;
}

/** Reserves `amount` on `from` (held += amount) until captured or voided: writes the hold's open record. */
export async function hold(tx: TxStore, input: HoldInput): Promise<HoldDoc> {
  if (!isPositiveAmount(input.amount) || input.from === input.to) {
    throw new LedgerError('invalid_amount', `hold of ${input.amount} from ${input.from} to ${input.to}`);
  }
  const ref = parseAccountId(input.from);
  if (ref.currency !== input.currency || parseAccountId(input.to).currency !== input.currency) {
    throw new LedgerError('currency_mismatch', `hold in ${input.currency} between ${input.from} and ${input.to}`);
  }
  const account = await tx.get<AccountDoc>(LEDGER_COLLECTIONS.accounts, input.from);
  if (!account) throw new LedgerError('insufficient_funds', `no account ${input.from}`);
  const held = account.held + input.amount;
  if (ref.kind !== 'issuer' && account.balance - held < 0) {
    throw new LedgerError('insufficient_funds', `insufficient funds on ${input.from}`);
  }
  await tx.updateById(LEDGER_COLLECTIONS.accounts, input.from, { $set: { held, updatedAt: input.at } });
  const open: HoldOpenDoc = {
    _id: input.id,
    record: 'open',
    currency: input.currency,
    accountId: input.from,
    toAccountId: input.to,
    amount: input.amount,
    heldDelta: input.amount,
    reason: input.reason,
    kind: input.kind,
    category: input.category ?? null,
    refCollection: input.ref?.collection ?? null,
    refId: input.ref?.id ?? null,
    createdAt: input.at,
  };
  await tx.insert<HoldOpenDoc>(LEDGER_COLLECTIONS.holds, open);
  return holdState(open, null);
}

/** A hold's current state from its records: two reads by id, whatever its history. */
export async function readHold(reader: Pick<TxStore, 'get'>, holdId: string): Promise<HoldDoc | null> {
  const open = await reader.get<HoldOpenDoc>(LEDGER_COLLECTIONS.holds, holdId);
  if (!open) return null;
  return holdState(open, await reader.get<HoldResolutionDoc>(LEDGER_COLLECTIONS.holds, holdResolutionId(holdId)));
}

async function pendingHold(tx: TxStore, holdId: string, action: HoldAction): Promise<HoldDoc> {
  const doc = await readHold(tx, holdId);
  if (!doc) throw new LedgerError('hold_not_found', holdId);
  if (!nextHoldStatus(doc.status, action)) throw new LedgerError('hold_not_open', `${holdId} is ${doc.status}`);
  return doc;
}

/** Appends the resolution record: its fixed id makes a second resolution of the hold collide. */
async function appendResolution(
  tx: TxStore,
  doc: HoldDoc,
  outcome: HoldResolutionDoc['record'],
  input: { at: string; postingId: string | null; voidReason: string | null },
): Promise<HoldDoc> {
  const resolution: HoldResolutionDoc = {
    _id: holdResolutionId(doc._id),
    record: outcome,
    holdId: doc._id,
    currency: doc.currency,
    accountId: doc.accountId,
    amount: doc.amount,
    heldDelta: -doc.amount,
    at: input.at,
    postingId: input.postingId,
    voidReason: input.voidReason,
  };
  await tx.insert<HoldResolutionDoc>(LEDGER_COLLECTIONS.holds, resolution);
  return { ...doc, status: outcome, resolvedAt: input.at, postingId: input.postingId, voidReason: input.voidReason };
}

/** Second phase, success: posts the held amount to its destination, exactly once. */
export async function captureHold(
  tx: TxStore,
  holdId: string,
  input: { postingId: string; at: string; actorUserId?: string | null; reason?: string },
): Promise<Posting> {
  const doc = await pendingHold(tx, holdId, 'capture');
  const posting = await postLegs(
    tx,
    {
      id: input.postingId,
      currency: doc.currency,
      legs: transferLegs(doc.accountId, doc.toAccountId, doc.amount),
      at: input.at,
      reason: input.reason ?? doc.reason,
      kind: doc.kind,
      category: doc.category,
      ref: doc.refCollection && doc.refId ? { collection: doc.refCollection, id: doc.refId } : null,
      actorUserId: input.actorUserId ?? null,
    },
    new Map([[doc.accountId, doc.amount]]),
  );
  await appendResolution(tx, doc, 'captured', { at: input.at, postingId: posting.id, voidReason: null });
  return posting;
}

/** Second phase, release: frees the held amount, exactly once. */
export async function voidHold(tx: TxStore, holdId: string, input: { at: string; reason: string }): Promise<HoldDoc> {
  const doc = await pendingHold(tx, holdId, 'void');
  const account = await tx.get<AccountDoc>(LEDGER_COLLECTIONS.accounts, doc.accountId);
  if (!account || account.held < doc.amount) throw new LedgerError('corrupt', `hold ${holdId} exceeds held amount`);
  await tx.updateById(LEDGER_COLLECTIONS.accounts, doc.accountId, {
    $set: { held: account.held - doc.amount, updatedAt: input.at },
  });
  return appendResolution(tx, doc, 'voided', { at: input.at, postingId: null, voidReason: input.reason });
}

/** A correction: posts the original's legs negated, linked to it. Fails like any posting if funds are gone. */
export async function reversePosting(
  tx: TxStore,
  originalId: string,
  input: { id: string; at: string; reason: string; kind?: string; actorUserId?: string | null },
): Promise<Posting> {
  const legs: Leg[] = [];
  let first: EntryDoc | null = null;
  for (let i = 0; ; i += 1) {
    const entry = await tx.get<EntryDoc>(LEDGER_COLLECTIONS.entries, `${originalId}:${i}`);
    if (!entry) break;
    first ??= entry;
    legs.push({ accountId: entry.accountId, amount: entry.amount });
  }
  if (!first) throw new LedgerError('posting_not_found', originalId);
  return postLegs(tx, {
    id: input.id,
    currency: first.currency,
    legs: reversalLegs(legs),
    at: input.at,
    reason: input.reason,
    kind: input.kind ?? 'reversal',
    category: first.category,
    ref: first.refCollection && first.refId ? { collection: first.refCollection, id: first.refId } : null,
    actorUserId: input.actorUserId ?? null,
    reverses: originalId,
  });
}

export interface Balance {
  accountId: string;
  balance: number;
  held: number;
  available: number;
}

/**
 * A person's account: works on the store or inside a transaction. A community's issuer or sink:
 * the sum of its sub-accounts, so it needs the store (`find`), not a transaction.
 */
export async function balanceOf(
  reader: Pick<TxStore, 'get'> & Partial<Pick<DocStore, 'find'>>,
  id: string,
): Promise<Balance> {
  const ref = parseAccountId(id);
  if (ref.kind !== 'user' && ref.shard === undefined) {
    if (!reader.find) throw new LedgerError('misuse', `balance of ${id} sums its sub-accounts: read it from the store`);
    let balance = 0;
    let held = 0;
    for (let skip = 0; ; skip += 1000) {
      const page = await reader.find<AccountDoc>(
        LEDGER_COLLECTIONS.accounts,
        { ownerId: ref.ownerId, kind: ref.kind, currency: ref.currency },
        { orderBy: [['_id', 'asc']], skip, limit: 1000 },
      );
      for (const a of page) {
        balance += a.balance;
        held += a.held;
      }
      if (page.length < 1000) break;
    }
    return { accountId: id, balance, held, available: balance - held };
  }
  const account = await reader.get<AccountDoc>(LEDGER_COLLECTIONS.accounts, id);
  const balance = account?.balance ?? 0;
  const held = account?.held ?? 0;
  return { accountId: id, balance, held, available: balance - held };
}

async function eachPage<T extends { _id: string }>(
  store: Pick<DocStore, 'find'>,
  collection: string,
  filter: Record<string, unknown>,
  visit: (doc: T) => void,
): Promise<void> {
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<T>(collection, filter, { orderBy: [['_id', 'asc']], skip, limit: 1000 });
    for (const doc of page) visit(doc);
    if (page.length < 1000) return;
  }
}

/**
 * Checks every invariant of one currency straight against the store (see `LedgerTally`): pages
 * through its entries, hold records and accounts. Used by `greencoin` `ledger.reconcile` and by the
 * tests, so both mean the same thing by "the books balance".
 */
export async function checkLedgerInvariants(store: Pick<DocStore, 'find'>, currency: Currency): Promise<LedgerCheck> {
  const tally = new LedgerTally(currency);
  await eachPage<EntryDoc>(store, LEDGER_COLLECTIONS.entries, { currency }, (e) => tally.entry(e));
  await eachPage<HoldRecord>(store, LEDGER_COLLECTIONS.holds, { currency }, (h) => tally.holdRecord(h));
  await eachPage<AccountDoc>(store, LEDGER_COLLECTIONS.accounts, { currency }, (a) => tally.account(a));
  return tally.result();
}
