/**
 * CloudBase DocStore adapter over `@cloudbase/node-sdk` (3.18.3, database 1.4.3).
 *
 * Facts from the installed SDK source (node_modules/@cloudbase/database/dist/commonjs):
 * - `collection(name).options({ raw: true })` makes `where()` and `doc().update()` send filters and
 *   updates as EJSON verbatim, so Mongo operator objects pass through. `options()` keeps the
 *   transaction id, so `transaction.collection(name).options({ raw: true })` stays in the transaction.
 * - `orderBy()` accumulates `{ field: 1 | -1 }`; `limit` above 1000 is silently clamped to 1000 and
 *   no limit means 100 (we refuse > 1000 before calling, via resolvePage).
 * - A response carrying `code` is thrown as an Error with `code`/`message` (throwOnCode, default on),
 *   or returned as `{ code, message }` when throwOnCode is off; both are handled here.
 * - Inside a transaction `doc(id).get()` resolves `{ data: doc | null }`; outside, `{ data: doc[] }`.
 * - `db.runTransaction` retries conflicts itself (3 times) and swallows nothing else; we drive
 *   `startTransaction`/`commit`/`rollback` ourselves so the retry policy lives in one place.
 *
 * This file is bundled into deployed functions: no native modules, no embedded-store imports.
 */
import {
  assertOperatorUpdate,
  assertStorable,
  type DocStore,
  type Filter,
  type FindOptions,
  resolvePage,
  type StoredDoc,
  StoreError,
  type TxStore,
  type Update,
} from './docstore';

/** The slice of `@cloudbase/database` this adapter uses (structural, so tests can pass the real SDK). */
interface SdkResult {
  code?: string | number;
  message?: string;
}
interface SdkDocRef {
  get(): Promise<SdkResult & { data?: unknown }>;
  update(data: Update): Promise<SdkResult & { updated?: number }>;
  remove(): Promise<SdkResult & { deleted?: number }>;
}
interface SdkQuery {
  where(query: Filter): SdkQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): SdkQuery;
  skip(offset: number): SdkQuery;
  limit(limit: number): SdkQuery;
  get(): Promise<SdkResult & { data?: unknown[] }>;
  count(): Promise<SdkResult & { total?: number }>;
  update(data: Update): Promise<SdkResult & { updated?: number }>;
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocRef;
  add(data: Record<string, unknown>): Promise<SdkResult & { id?: string }>;
  options(options: { raw: boolean }): SdkCollection;
}
interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}
export interface CloudbaseDatabase {
  collection(name: string): SdkCollection;
  startTransaction(): Promise<SdkTransaction>;
}

export interface CloudbaseStoreOptions {
  /** Attempts per runTransaction when CloudBase (or the body) reports a transaction conflict. */
  maxTransactionAttempts?: number;
  /** Delay before retry n (1-based). */
  retryDelayMs?: (attempt: number) => number;
  /** Told of every retry after a conflict (the load run counts them). */
  onRetry?: (attempt: number) => void;
  /** No retry starts once this much time has gone by since the first attempt. */
  retryBudgetMs?: number;
}

/**
 * CloudBase runs transactions concurrently and the later committer of a write-write conflict loses:
 * under contention every round has one winner, so the losers need room. Like MongoDB's
 * withTransaction (which retries transient errors for 120 s), we retry within a time budget — 8 s,
 * inside the functions' 10 s timeout — with exponential backoff and full jitter (AWS, "Exponential
 * Backoff and Jitter"), which lets 30 contenders on one document all get through (the contract
 * suite's case). Designs that avoid shared documents (docs/LEDGER.md) rarely retry at all.
 */
const DEFAULT_TX_ATTEMPTS = 30;
const DEFAULT_RETRY_BUDGET_MS = 8000;
const defaultRetryDelay = (attempt: number) => Math.random() * Math.min(250, 10 * 2 ** attempt);

function errorCode(err: unknown): string {
  const code = (err as SdkResult | undefined)?.code;
  return code === undefined ? '' : String(code);
}

/** Maps SDK/server errors onto the port's codes; StoreErrors (e.g. from a body) pass unchanged. */
export function toStoreError(err: unknown, context: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = errorCode(err);
  const message = String((err as SdkResult | undefined)?.message ?? err);
  const text = `${code} ${message}`;
  if (/E11000|duplicate key|DUPLICATE/i.test(text)) {
    return new StoreError('DUPLICATE_KEY', `${context}: ${message}`);
  }
  if (/TRANSACTION_CONFLICT|TransactionConflict|WriteConflict|transaction conflict/i.test(text)) {
    return new StoreError('DATABASE_TRANSACTION_CONFLICT', `${context}: ${message}`);
  }
  if (/COLLECTION_NOT_EXIST/.test(code))
    return new StoreError('DATABASE_COLLECTION_NOT_EXIST', `${context}: ${message}`);
  if (/TRANSACTION_FAIL/.test(code)) return new StoreError('DATABASE_TRANSACTION_FAIL', `${context}: ${message}`);
  return new StoreError('STORE_FAILURE', `${context}: ${code ? `[${code}] ` : ''}${message}`);
}

/** Calls the SDK and turns both thrown errors and returned `{ code }` results into StoreErrors. */
async function call<T extends SdkResult>(context: string, run: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (err) {
    throw toStoreError(err, context);
  }
  if (result?.code) throw toStoreError(result, context);
  return result;
}

function requireId(id: string): void {
  if (typeof id !== 'string' || id === '') throw new StoreError('INVALID_QUERY', 'id must be a non-empty string');
}

/** id-based operations against a collection source (the database, or an open transaction). */
function idOperations(collection: (name: string) => SdkCollection): TxStore {
  const get = async <T extends StoredDoc>(name: string, id: string): Promise<T | null> => {
    requireId(id);
    const res = await call(`get ${name}/${id}`, () => collection(name).doc(id).get());
    const data = res.data;
    if (Array.isArray(data)) return (data[0] as T | undefined) ?? null;
    return (data as T | null | undefined) ?? null;
  };
  return {
    get,
    async insert<T extends StoredDoc>(name: string, doc: T): Promise<void> {
      if (!doc || typeof doc._id !== 'string' || doc._id === '') {
        throw new StoreError('INVALID_QUERY', 'insert needs a document with a non-empty string _id');
      }
      assertStorable(doc, 'document');
      // A copy: the SDK serializes in place and callers keep their object.
      await call(`insert ${name}/${doc._id}`, () =>
        collection(name).add({ ...(doc as unknown as Record<string, unknown>) }),
      );
    },
    async updateById(name: string, id: string, update: Update): Promise<boolean> {
      requireId(id);
      assertOperatorUpdate(update);
      const res = await call(`update ${name}/${id}`, () => collection(name).doc(id).update(update));
      if ((res.updated ?? 0) > 0) return true;
      // CloudBase reports modified documents, so 0 also means "matched but unchanged".
      return (await get(name, id)) !== null;
    },
    async removeById(name: string, id: string): Promise<boolean> {
      requireId(id);
      const res = await call(`remove ${name}/${id}`, () => collection(name).doc(id).remove());
      return (res.deleted ?? 0) > 0;
    },
  };
}

function assertFilter(filter: Filter): void {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new StoreError('INVALID_QUERY', 'filter must be an object');
  }
  assertStorable(filter, 'filter', true);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createCloudbaseStore(db: CloudbaseDatabase, options: CloudbaseStoreOptions = {}): DocStore {
  const maxAttempts = options.maxTransactionAttempts ?? DEFAULT_TX_ATTEMPTS;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const retryBudget = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const raw = (name: string) => db.collection(name).options({ raw: true });
  const direct = idOperations(raw);

  async function attempt<R>(body: (tx: TxStore) => Promise<R>): Promise<R> {
    const transaction = await call(
      'start transaction',
      () => db.startTransaction() as Promise<SdkTransaction & SdkResult>,
    );
    let open = true;
    const ops = idOperations((name) => transaction.collection(name).options({ raw: true }));
    // Calls after commit/rollback would silently run outside the transaction; refuse them.
    const guard =
      <A extends unknown[], T>(fn: (...args: A) => Promise<T>) =>
      (...args: A): Promise<T> =>
        open ? fn(...args) : Promise.reject(new StoreError('INVALID_QUERY', 'transaction already finished'));
    const tx: TxStore = {
      get: guard(ops.get) as TxStore['get'],
      insert: guard(ops.insert) as TxStore['insert'],
      updateById: guard(ops.updateById),
      removeById: guard(ops.removeById),
    };
    try {
      const result = await body(tx);
      open = false;
      await call('commit transaction', () => transaction.commit() as Promise<SdkResult>);
      return result;
    } catch (err) {
      if (open) {
        open = false;
        await transaction.rollback().catch(() => undefined);
      }
      // SDK failures are already StoreErrors (via call); the body's own errors pass unchanged.
      throw err;
    }
  }

  return {
    ...direct,

    async find<T extends StoredDoc>(collection: string, filter: Filter, findOptions?: FindOptions): Promise<T[]> {
      const { skip, limit } = resolvePage(findOptions);
      assertFilter(filter);
      let query = raw(collection).where(filter);
      const orderBy = findOptions?.orderBy ?? [];
      for (const [field, direction] of orderBy) query = query.orderBy(field, direction);
      // _id breaks ties so pages never overlap or skip documents with equal sort keys.
      if (!orderBy.some(([field]) => field === '_id')) query = query.orderBy('_id', 'asc');
      if (skip > 0) query = query.skip(skip);
      const res = await call(`find ${collection}`, () => query.limit(limit).get());
      return (res.data ?? []) as T[];
    },

    async count(collection: string, filter: Filter): Promise<number> {
      assertFilter(filter);
      const res = await call(`count ${collection}`, () => raw(collection).where(filter).count());
      return res.total ?? 0;
    },

    async updateWhere(collection: string, filter: Filter, update: Update): Promise<number> {
      assertFilter(filter);
      assertOperatorUpdate(update);
      const res = await call(`updateWhere ${collection}`, () => raw(collection).where(filter).update(update));
      return res.updated ?? 0;
    },

    async runTransaction<R>(body: (tx: TxStore) => Promise<R>): Promise<R> {
      const started = Date.now();
      for (let n = 1; ; n += 1) {
        try {
          return await attempt(body);
        } catch (err) {
          const conflict = err instanceof StoreError && err.code === 'DATABASE_TRANSACTION_CONFLICT';
          const delay = retryDelay(n);
          if (!conflict || n >= maxAttempts || Date.now() - started + delay > retryBudget) throw err;
          options.onRetry?.(n);
          await sleep(delay);
        }
      }
    },
  };
}
