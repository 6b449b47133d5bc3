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
 * Writes that a client can repeat go through `idempotent(...)` with the client's key.
 */
import {
  type AccountDoc,
  type AccountState,
  applyLegs,
  type Currency,
  decideReplay,
  type EntryDoc,
  entryDocs,
  type HoldDoc,
  type IdempotencyDoc,
  idempotencyId,
  isPositiveAmount,
  LedgerRuleError,
  type Leg,
  newAccount,
  nextHoldStatus,
  type Posting,
  type PostingMeta,
  parseAccountId,
  requestHash,
  reversalLegs,
  routeSystemLegs,
  transferLegs,
  validateLegs,
} from '../domain/ledger';
import { AppError, type ErrorCode } from '../runtime/errors';
import { type DocStore, StoreError, type TxStore } from '../store/docstore';

export * from '../domain/ledger';

export const LEDGER_COLLECTIONS = {
  accounts: 'ledger_accounts',
  entries: 'ledger_entries',
  holds: 'ledger_holds',
  idempotency: 'idempotency',
} as const;

/** Rule breaks become the gateway's error codes, with Chinese messages for people. */
export function toAppError(error: LedgerRuleError): AppError {
  if (error.rule === 'INSUFFICIENT_FUNDS') return new AppError('INSUFFICIENT_FUNDS', '余额不足');
  if (error.rule === 'STATE') return new AppError('CONFLICT', '该笔业务已处理，不能重复操作');
  return new AppError('INVALID_INPUT', '记账参数不正确');
}

const rethrow = (error: unknown): never => {
  throw error instanceof LedgerRuleError ? toAppError(error) : error;
};

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
  try {
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
  } catch (error) {
    return rethrow(error);
  }
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
  let legs: Leg[];
  try {
    legs = transferLegs(from, to, amount);
  } catch (error) {
    return rethrow(error);
  }
  return postLegs(tx, { ...rest, legs });
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

/** Reserves `amount` on `from` (held += amount) until captured or voided. */
export async function hold(tx: TxStore, input: HoldInput): Promise<HoldDoc> {
  if (!isPositiveAmount(input.amount) || input.from === input.to) throw new AppError('INVALID_INPUT', '冻结金额不正确');
  const ref = parseAccountId(input.from);
  if (ref.currency !== input.currency || parseAccountId(input.to).currency !== input.currency) {
    throw new AppError('INVALID_INPUT', '币种不一致');
  }
  const account = await tx.get<AccountDoc>(LEDGER_COLLECTIONS.accounts, input.from);
  if (!account) throw new AppError('INSUFFICIENT_FUNDS', '余额不足');
  const held = account.held + input.amount;
  if (ref.kind !== 'issuer' && account.balance - held < 0) throw new AppError('INSUFFICIENT_FUNDS', '余额不足');
  await tx.updateById(LEDGER_COLLECTIONS.accounts, input.from, { $set: { held, updatedAt: input.at } });
  const doc: HoldDoc = {
    _id: input.id,
    currency: input.currency,
    accountId: input.from,
    toAccountId: input.to,
    amount: input.amount,
    status: 'pending',
    reason: input.reason,
    kind: input.kind,
    category: input.category ?? null,
    refCollection: input.ref?.collection ?? null,
    refId: input.ref?.id ?? null,
    createdAt: input.at,
    resolvedAt: null,
    postingId: null,
    voidReason: null,
  };
  await tx.insert<HoldDoc>(LEDGER_COLLECTIONS.holds, doc);
  return doc;
}

async function pendingHold(tx: TxStore, holdId: string, action: 'capture' | 'void'): Promise<HoldDoc> {
  const doc = await tx.get<HoldDoc>(LEDGER_COLLECTIONS.holds, holdId);
  if (!doc) throw new AppError('NOT_FOUND', '冻结记录不存在');
  if (!nextHoldStatus(doc.status, action)) throw new AppError('CONFLICT', '该笔冻结已处理，不能重复操作');
  return doc;
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
  await tx.updateById(LEDGER_COLLECTIONS.holds, holdId, {
    $set: { status: 'captured', resolvedAt: input.at, postingId: posting.id },
  });
  return posting;
}

/** Second phase, release: frees the held amount, exactly once. */
export async function voidHold(tx: TxStore, holdId: string, input: { at: string; reason: string }): Promise<HoldDoc> {
  const doc = await pendingHold(tx, holdId, 'void');
  const account = await tx.get<AccountDoc>(LEDGER_COLLECTIONS.accounts, doc.accountId);
  if (!account || account.held < doc.amount) throw new Error(`ledger corrupt: hold ${holdId} exceeds held amount`);
  await tx.updateById(LEDGER_COLLECTIONS.accounts, doc.accountId, {
    $set: { held: account.held - doc.amount, updatedAt: input.at },
  });
  const voided: HoldDoc = { ...doc, status: 'voided', resolvedAt: input.at, voidReason: input.reason };
  await tx.updateById(LEDGER_COLLECTIONS.holds, holdId, {
    $set: { status: 'voided', resolvedAt: input.at, voidReason: input.reason },
  });
  return voided;
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
  if (!first) throw new AppError('NOT_FOUND', '原记账记录不存在');
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
    if (!reader.find) throw new Error(`balance of ${id} sums its sub-accounts: read it from the store`);
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

/** Errors a retry with the same payload would meet again: recorded so the key stays failed. */
const STICKY_CODES: readonly ErrorCode[] = [
  'INSUFFICIENT_FUNDS',
  'OUT_OF_STOCK',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'INVALID_INPUT',
  'RATE_LIMITED',
];

export interface IdempotencyInput {
  /** Whose key space: usually the caller's user id. */
  scope: string;
  key: string;
  /** Everything that defines the request (action name included); fingerprinted. */
  request: unknown;
  at: string;
  /** Whom the result is about when it names someone (see personal-data.ts: erasure rewrites it). */
  subjectUserId?: string;
}

function replay<R>(record: IdempotencyDoc): R {
  if (record.status === 'failed' && record.error) {
    throw new AppError(record.error.code as ErrorCode, record.error.message);
  }
  return record.result as R;
}

/**
 * Runs `body` in one transaction at most once per key. Same key + same request → the first
 * outcome (its result, or its error) and no new writes; same key + another request → CONFLICT.
 * A business failure rolls the body back, then records the failure in a second transaction —
 * unless a concurrent call under the same key got there first, whose outcome then stands.
 */
export async function idempotent<R>(
  store: DocStore,
  input: IdempotencyInput,
  body: (tx: TxStore) => Promise<R>,
): Promise<R> {
  const id = idempotencyId(input.scope, input.key);
  const hash = requestHash(input.request);
  const conflict = () => new AppError('CONFLICT', '该请求编号已用于另一项操作，请刷新后重试');
  let outcome: { replayed: IdempotencyDoc } | { result: R };
  try {
    outcome = await store.runTransaction(async (tx) => {
      const decision = decideReplay(await tx.get<IdempotencyDoc>(LEDGER_COLLECTIONS.idempotency, id), hash);
      if (decision.kind === 'conflict') throw conflict();
      if (decision.kind === 'replay') return { replayed: decision.record };
      const result = await body(tx);
      await tx.insert<IdempotencyDoc>(LEDGER_COLLECTIONS.idempotency, {
        _id: id,
        requestHash: hash,
        status: 'succeeded',
        result: result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown),
        error: null,
        createdAt: input.at,
        subjectUserId: input.subjectUserId ?? null,
      });
      return { result };
    });
  } catch (error) {
    // Two first calls racing on CloudBase: both saw no record, the loser's insert of the record
    // collides. Its body was rolled back with it; answer with the winner's outcome.
    if (error instanceof StoreError && error.code === 'DUPLICATE_KEY') {
      const winner = await store.runTransaction((tx) => tx.get<IdempotencyDoc>(LEDGER_COLLECTIONS.idempotency, id));
      const decision = decideReplay(winner, hash);
      if (decision.kind === 'replay') return replay<R>(decision.record);
      if (decision.kind === 'conflict') throw conflict();
    }
    const appError = error instanceof LedgerRuleError ? toAppError(error) : error;
    if (
      !(appError instanceof AppError) ||
      !STICKY_CODES.includes(appError.code) ||
      appError.message === conflict().message
    ) {
      throw appError;
    }
    const recorded = await store.runTransaction(async (tx) => {
      const decision = decideReplay(await tx.get<IdempotencyDoc>(LEDGER_COLLECTIONS.idempotency, id), hash);
      if (decision.kind === 'conflict') throw conflict();
      if (decision.kind === 'replay') return decision.record;
      const failed: IdempotencyDoc = {
        _id: id,
        requestHash: hash,
        status: 'failed',
        result: null,
        error: { code: appError.code, message: appError.message },
        createdAt: input.at,
      };
      await tx.insert<IdempotencyDoc>(LEDGER_COLLECTIONS.idempotency, failed);
      return failed;
    });
    return replay<R>(recorded);
  }
  return 'replayed' in outcome ? replay<R>(outcome.replayed) : outcome.result;
}
