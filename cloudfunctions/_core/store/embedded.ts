/**
 * Embedded DocStore adapter (local runtime and tests): SQLite via better-sqlite3, documents as
 * JSON text, filters/updates/sorting evaluated by mingo so semantics follow MongoDB (as CloudBase).
 *
 * Layout: one table per collection (`c_<name>`, WITHOUT ROWID, keyed by _id). Chosen over a single
 * table with a collection column because expression indexes then only cover their own collection
 * (smaller, and the planner needs no collection prefix), and a full scan of one collection never
 * touches another.
 *
 * Values: the domain stores times as ISO-8601 strings or epoch-ms numbers; Date objects are
 * rejected (see assertStorable), as they are by the CloudBase adapter.
 *
 * Concurrency: one async queue per database file, transactions hold it (embedded-tx.ts).
 *
 * Parts: embedded-query.ts (filter → SQL pushdown, sort keys, mingo), embedded-tables.ts (tables,
 * indexes, statement cache, synchronous primitives), embedded-tx.ts (queue, transactions); this
 * file composes them into the DocStore.
 *
 * Crash safety: WAL with synchronous=FULL, so an acknowledged commit survives kill -9.
 */
import Database from 'better-sqlite3';
import type { DocStore, Filter, FindOptions, StoredDoc, TxStore } from './docstore';
import { StoreError } from './docstore';
import { SqliteCollections } from './embedded-tables';
import { attemptTransaction, queueFor, throughQueue } from './embedded-tx';
import type { IndexSpec } from './indexes';

export { applyUpdate } from './embedded-query';

export interface EmbeddedStoreOptions {
  /** Path of the SQLite file, or ':memory:' (private to this store instance). */
  file: string;
  indexes?: IndexSpec[];
  /** Attempts per runTransaction when the body throws DATABASE_TRANSACTION_CONFLICT. */
  maxTransactionAttempts?: number;
  /**
   * The declared collections (cloudfunctions/_core/store/collections.ts): a write anywhere else
   * fails with DATABASE_COLLECTION_NOT_EXIST, as CloudBase answers. Omitted: any collection.
   */
  collections?: readonly string[];
  /** The clock a transaction's lifetime is measured by (tests move it). */
  now?: () => number;
  /** CloudBase ends a transaction this long after it started (DATABASE_TRANSACTION_FAIL); default 30 s. */
  transactionLifetimeMs?: number;
}

export interface EmbeddedStoreStats {
  /** Queries per collection whose SQL plan scanned the whole table. */
  fullScans: Record<string, number>;
  /** Rows inserted, updated or deleted since the store opened (SQLite's total_changes). */
  writes: number;
}

export interface EmbeddedStore extends DocStore {
  stats(): EmbeddedStoreStats;
  /** The SQLite plan of the page query a find runs (null: sorted in memory), for tests of paging cost. */
  plan(collection: string, filter: Filter, findOptions?: FindOptions): Promise<string[] | null>;
  resetStats(): void;
  /** Connection settings, so tests can assert crash-safety configuration. */
  pragmas(): { journalMode: string; synchronous: number };
  close(): Promise<void>;
}

const DEFAULT_TX_ATTEMPTS = 5;

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Another process may hold the write lock briefly (e.g. a second local runtime).
  db.pragma('busy_timeout = 5000');
  return db;
}

export function createEmbeddedStore(options: EmbeddedStoreOptions): EmbeddedStore {
  const db = openDatabase(options.file);
  const tables = new SqliteCollections(db, options.indexes, options.collections);
  const queue = queueFor(options.file);
  const maxAttempts = options.maxTransactionAttempts ?? DEFAULT_TX_ATTEMPTS;
  const clock = { now: options.now ?? Date.now, lifetimeMs: options.transactionLifetimeMs ?? 30_000 };
  let closed = false;
  const outer = <T>(task: () => T | Promise<T>): Promise<T> => throughQueue(queue, closed, task);

  return {
    get: <T extends StoredDoc>(collection: string, id: string) => outer(() => tables.get(collection, id) as T | null),
    insert: <T extends StoredDoc>(collection: string, doc: T) => outer(() => tables.insert(collection, doc)),
    updateById: (collection, id, update) => outer(() => tables.updateById(collection, id, update)),
    removeById: (collection, id) => outer(() => tables.removeById(collection, id)),
    find: <T extends StoredDoc>(collection: string, filter: Filter, findOptions?: FindOptions) =>
      outer(() => tables.find(collection, filter, findOptions) as unknown as T[]),
    count: (collection, filter) => outer(() => tables.count(collection, filter)),
    updateWhere: (collection, filter, update) => outer(() => tables.updateWhere(collection, filter, update)),

    async runTransaction<R>(body: (tx: TxStore) => Promise<R>): Promise<R> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await outer(() => attemptTransaction(db, tables, queue, clock, body));
        } catch (err) {
          const retriable = err instanceof StoreError && err.code === 'DATABASE_TRANSACTION_CONFLICT';
          if (!retriable || attempt >= maxAttempts) throw err;
        }
      }
    },

    plan: (collection, filter, findOptions) => outer(() => tables.plan(collection, filter, findOptions)),
    stats: () => ({
      fullScans: { ...tables.fullScans },
      writes: (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    }),
    resetStats() {
      for (const key of Object.keys(tables.fullScans)) delete tables.fullScans[key];
    },
    pragmas: () => ({
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: Number(db.pragma('synchronous', { simple: true })),
    }),
    async close() {
      if (closed) return;
      await queue.run(() => {
        closed = true;
        db.close();
      });
    },
  };
}
