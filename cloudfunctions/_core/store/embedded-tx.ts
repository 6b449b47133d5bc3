/**
 * Serialization and transactions for the embedded store. better-sqlite3 is synchronous but
 * transaction bodies are async, so one connection with an open BEGIN IMMEDIATE would let any other
 * call on it join the transaction. Instead every operation, read or write, runs through one async
 * queue per database file (process-wide): a transaction holds the queue from BEGIN to
 * COMMIT/ROLLBACK, which makes transactions serializable with respect to everything else in the
 * process. Calling the outer store from inside a transaction body would wait for itself, so it is
 * refused with a clear error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { type StoredDoc, StoreError, type TxStore } from './docstore';
import type { SqliteCollections } from './embedded-tables';

/** Serializes async work: each task starts after the previous one settled. */
export class AsyncQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One queue per database file so two store instances on the same file still serialize. */
const fileQueues = new Map<string, AsyncQueue>();
export function queueFor(file: string): AsyncQueue {
  if (file === ':memory:') return new AsyncQueue();
  const key = path.resolve(file);
  let queue = fileQueues.get(key);
  if (!queue) {
    queue = new AsyncQueue();
    fileQueues.set(key, queue);
  }
  return queue;
}

/** Marks code running inside a transaction body, to refuse re-entrant calls that would deadlock. */
const insideTransaction = new AsyncLocalStorage<AsyncQueue>();

/** Runs an outer operation through the queue, and never from inside a transaction body. */
export function throughQueue<T>(queue: AsyncQueue, closed: boolean, task: () => T | Promise<T>): Promise<T> {
  if (closed) return Promise.reject(new StoreError('STORE_FAILURE', 'store is closed'));
  if (insideTransaction.getStore() === queue) {
    return Promise.reject(
      new StoreError(
        'INVALID_QUERY',
        'outer store used inside runTransaction; use the tx argument (the call would deadlock)',
      ),
    );
  }
  return queue.run(task);
}

export interface TransactionClock {
  now: () => number;
  /** CloudBase ends a transaction this long after it started (DATABASE_TRANSACTION_FAIL). */
  lifetimeMs: number;
}

/** The id-only view a transaction body gets; every call fails once the transaction is over or too old. */
function txView(tables: SqliteCollections, guard: () => StoreError | null): TxStore {
  const inTx = <T>(task: () => T): Promise<T> => {
    const refused = guard();
    if (refused) return Promise.reject(refused);
    try {
      return Promise.resolve(task());
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return {
    get: <T extends StoredDoc>(c: string, id: string) => inTx(() => tables.get(c, id) as T | null),
    insert: <T extends StoredDoc>(c: string, doc: T) => inTx(() => tables.insert(c, doc)),
    updateById: (c, id, update) => inTx(() => tables.updateById(c, id, update)),
    removeById: (c, id) => inTx(() => tables.removeById(c, id)),
  };
}

/** One attempt: BEGIN IMMEDIATE, the body with the queue held, COMMIT — or ROLLBACK on any throw. */
export async function attemptTransaction<R>(
  db: Database.Database,
  tables: SqliteCollections,
  queue: AsyncQueue,
  clock: TransactionClock,
  body: (tx: TxStore) => Promise<R>,
): Promise<R> {
  let open = true;
  const startedAt = clock.now();
  // As on CloudBase: a transaction that outlives its lifetime fails, whatever it did.
  const expired = () =>
    clock.now() - startedAt > clock.lifetimeMs
      ? new StoreError('DATABASE_TRANSACTION_FAIL', `transaction exceeded its ${clock.lifetimeMs} ms lifetime`)
      : null;
  const tx = txView(tables, () => (open ? expired() : new StoreError('INVALID_QUERY', 'transaction already finished')));
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await insideTransaction.run(queue, () => body(tx));
    open = false;
    const late = expired();
    if (late) throw late;
    db.exec('COMMIT');
    return result;
  } catch (err) {
    open = false;
    if (db.inTransaction) db.exec('ROLLBACK');
    tables.forgetTables();
    throw err;
  }
}
