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
 * Concurrency: better-sqlite3 is synchronous but transaction bodies are async, so one connection
 * with an open BEGIN IMMEDIATE would let any other call on it join the transaction. Instead every
 * operation, read or write, runs through one async queue per database file (process-wide): a
 * transaction holds the queue from BEGIN to COMMIT/ROLLBACK, which makes transactions serializable
 * with respect to everything else in the process. Calling the outer store from inside a
 * transaction body would wait for itself, so it is refused with a clear error.
 *
 * Crash safety: WAL with synchronous=FULL, so an acknowledged commit survives kill -9.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import Database from 'better-sqlite3';
import { find as mingoFind, update as mingoUpdate, Query } from 'mingo';
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
import type { IndexSpec } from './indexes';

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
  resetStats(): void;
  /** Connection settings, so tests can assert crash-safety configuration. */
  pragmas(): { journalMode: string; synchronous: number };
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Row = { id: string; doc: string };

const DEFAULT_TX_ATTEMPTS = 5;
const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
const FIELD_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Serializes async work: each task starts after the previous one settled. */
class AsyncQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One queue per database file so two store instances on the same file still serialize. */
const fileQueues = new Map<string, AsyncQueue>();
function queueFor(file: string): AsyncQueue {
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

function tableName(collection: string): string {
  if (!COLLECTION_NAME.test(collection)) {
    throw new StoreError('INVALID_QUERY', `invalid collection name: ${collection}`);
  }
  return `"c_${collection}"`;
}

function jsonPath(field: string): string {
  const segments = field.split('.');
  if (!segments.every((s) => FIELD_SEGMENT.test(s))) {
    throw new StoreError('INVALID_QUERY', `index field must be a plain dotted path: ${field}`);
  }
  return `'$.${segments.join('.')}'`;
}

/** SQL expression for a field; must be textually identical in indexes and queries for the planner. */
function fieldExpr(field: string): string {
  return field === '_id' ? 'id' : `json_extract(doc, ${jsonPath(field)})`;
}

function getPath(doc: unknown, field: string): { value: unknown; throughArray: boolean } {
  let current: unknown = doc;
  for (const segment of field.split('.')) {
    if (Array.isArray(current)) return { value: current, throughArray: true };
    if (current === null || typeof current !== 'object') return { value: undefined, throughArray: false };
    current = (current as Json)[segment];
  }
  return { value: current, throughArray: false };
}

function isPushableScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** better-sqlite3 cannot bind booleans; json_extract yields 1/0 for them. */
function toSqlValue(v: string | number | boolean): string | number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** ASCII bounds compare the same in SQLite's byte order and JavaScript's UTF-16 order. */
function isRangeBound(v: unknown): v is string | number {
  return (
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && [...v].every((ch) => ch.charCodeAt(0) < 0x80))
  );
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/**
 * Translates the indexable conjuncts of a filter into SQL. The result selects a superset of the
 * matching documents (mingo re-checks each candidate), so anything not provably translatable is
 * simply left out. Sound because indexed fields hold scalars only (enforced on write).
 */
function pushdown(
  filter: Filter,
  indexed: ReadonlySet<string>,
): { clauses: string[]; params: Array<string | number>; exact: boolean } {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  // Exact when every condition became a string equality / $in clause: json_extract yields TEXT only
  // for JSON strings, so such SQL matches precisely what Mongo would (indexed fields are scalars).
  let exact = true;
  const visit = (f: Filter): void => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const part of cond) {
          if (part && typeof part === 'object') visit(part as Filter);
          else exact = false;
        }
        continue;
      }
      if (key.startsWith('$') || !(key === '_id' || indexed.has(key))) {
        exact = false;
        continue;
      }
      const expr = fieldExpr(key);
      const idOnly = key === '_id';
      const eligible = (v: unknown): v is string | number | boolean =>
        idOnly ? typeof v === 'string' : isPushableScalar(v);
      if (eligible(cond)) {
        clauses.push(`${expr} = ?`);
        params.push(toSqlValue(cond));
        if (typeof cond !== 'string') exact = false;
        continue;
      }
      if (!cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof RegExp) {
        exact = false;
        continue;
      }
      const ops = Object.entries(cond as Json);
      if (!ops.every(([op]) => op.startsWith('$'))) {
        exact = false;
        continue;
      }
      for (const [op, arg] of ops) {
        if (op === '$eq' && eligible(arg)) {
          clauses.push(`${expr} = ?`);
          params.push(toSqlValue(arg));
          if (typeof arg !== 'string') exact = false;
        } else if (op === '$in' && Array.isArray(arg) && arg.every(eligible)) {
          if (arg.length === 0) {
            clauses.push('0');
          } else {
            clauses.push(`${expr} IN (${arg.map(() => '?').join(', ')})`);
            params.push(...arg.map(toSqlValue));
          }
          if (!arg.every((v) => typeof v === 'string')) exact = false;
        } else if (op in RANGE_SQL && isRangeBound(arg) && (!idOnly || typeof arg === 'string')) {
          clauses.push(`${expr} ${RANGE_SQL[op]} ?`);
          params.push(arg);
          // Mongo compares within one type only; SQLite orders numbers before text. Guarding the
          // JSON type makes the range exact (an ISO date range then counts and pages in SQL).
          if (!idOnly) clauses.push(typeGuard(key, arg));
        } else {
          exact = false;
        }
      }
    }
  };
  visit(filter);
  return { clauses, params, exact };
}

/** Restricts a field to the JSON type of `value`, so SQL comparisons match Mongo's type brackets. */
function typeGuard(field: string, value: string | number): string {
  const types = typeof value === 'string' ? "'text'" : "'integer', 'real'";
  return `json_type(doc, ${jsonPath(field)}) IN (${types})`;
}

/** SQL sort keys for orderBy; null when a field cannot be expressed (then mingo sorts in memory). */
function sqlOrder(orderBy: FindOptions['orderBy']): string | null {
  const keys: string[] = [];
  for (const [field, direction] of orderBy ?? []) {
    if (field !== '_id' && !field.split('.').every((segment) => FIELD_SEGMENT.test(segment))) return null;
    keys.push(`${fieldExpr(field)} ${direction === 'desc' ? 'DESC' : 'ASC'}`);
  }
  if (!(orderBy ?? []).some(([field]) => field === '_id')) keys.push('id ASC');
  return keys.join(', ');
}

function compileQuery(filter: Filter): Query {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new StoreError('INVALID_QUERY', 'filter must be an object');
  }
  assertStorable(filter, 'filter', true);
  try {
    return new Query(filter);
  } catch (err) {
    throw new StoreError('INVALID_QUERY', `invalid filter: ${(err as Error).message}`);
  }
}

/** A Mongo-operator update applied to a copy (the loopback CloudBase server applies updates the same way). */
export function applyUpdate(doc: Json, update: Update): Json {
  assertOperatorUpdate(update);
  const next = structuredClone(doc);
  try {
    for (const [op, args] of Object.entries(update)) {
      mingoUpdate(next, { [op]: args } as Parameters<typeof mingoUpdate>[1]);
    }
  } catch (err) {
    throw new StoreError('INVALID_QUERY', `invalid update: ${(err as Error).message}`);
  }
  if (next._id !== doc._id) throw new StoreError('INVALID_QUERY', 'the _id of a document cannot be changed');
  return next;
}

function sqliteCode(err: unknown): string | undefined {
  return err instanceof Database.SqliteError ? err.code : undefined;
}

function wrapSqliteError(err: unknown, context: string): never {
  if (err instanceof StoreError) throw err;
  const code = sqliteCode(err);
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    throw new StoreError('DUPLICATE_KEY', `${context}: duplicate key`);
  }
  throw new StoreError('STORE_FAILURE', `${context}: ${(err as Error).message}`);
}

export function createEmbeddedStore(options: EmbeddedStoreOptions): EmbeddedStore {
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Another process may hold the write lock briefly (e.g. a second local runtime).
  db.pragma('busy_timeout = 5000');

  const queue = queueFor(options.file);
  const maxAttempts = options.maxTransactionAttempts ?? DEFAULT_TX_ATTEMPTS;
  const indexesByCollection = new Map<string, IndexSpec[]>();
  for (const spec of options.indexes ?? []) {
    if (spec.fields.length === 0) throw new StoreError('INVALID_QUERY', `index on ${spec.collection} has no fields`);
    for (const [field] of spec.fields) jsonPath(field); // validates early
    indexesByCollection.set(spec.collection, [...(indexesByCollection.get(spec.collection) ?? []), spec]);
  }
  const indexedFields = (collection: string): Set<string> =>
    new Set((indexesByCollection.get(collection) ?? []).flatMap((s) => s.fields.map(([f]) => f)));

  const declared = options.collections ? new Set(options.collections) : null;
  const assertDeclared = (collection: string): void => {
    if (declared && !declared.has(collection))
      throw new StoreError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `集合 ${collection} 未声明（cloudfunctions/_core/store/collections.ts），CloudBase 中不存在`,
      );
  };

  /**
   * Prepared statements by SQL text, prepared once (issue 19: preparing anew on every operation was
   * ~10% of the server's time under load). The texts are few (per collection × operation × filter
   * shape); a runaway variety is cut back rather than kept forever.
   */
  const statements = new Map<string, Database.Statement>();
  const MAX_STATEMENTS = 2000;
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const ensured = new Set<string>();
  const fullScans: Record<string, number> = {};
  const planCache = new Map<string, boolean>();
  let closed = false;

  function ensureCollection(collection: string): string {
    const table = tableName(collection);
    if (ensured.has(collection)) return table;
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL) STRICT, WITHOUT ROWID`,
    );
    for (const spec of indexesByCollection.get(collection) ?? []) {
      const name = spec.name ?? spec.fields.map(([f, d]) => `${f}_${d}`).join('_');
      const columns = spec.fields.map(([f, d]) => `${fieldExpr(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ');
      db.exec(
        `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "ix_${collection}_${name.replace(/[^A-Za-z0-9_]/g, '_')}" ON ${table} (${columns})`,
      );
    }
    ensured.add(collection);
    return table;
  }

  /** Pushing `{field: v}` to SQL is only equivalent to Mongo's match if indexed fields are scalars. */
  function assertIndexedScalars(collection: string, doc: Json): void {
    for (const field of indexedFields(collection)) {
      if (field === '_id') continue;
      const { value, throughArray } = getPath(doc, field);
      if (throughArray || (value !== null && value !== undefined && typeof value === 'object')) {
        throw new StoreError('INVALID_QUERY', `${collection}.${field} is indexed and must hold a scalar`);
      }
    }
  }

  function isFullScan(sql: string, params: unknown[]): boolean {
    let full = planCache.get(sql);
    if (full === undefined) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
      full = plan.some((step) => step.detail.startsWith('SCAN '));
      planCache.set(sql, full);
    }
    return full;
  }

  /** Candidate rows for a filter, narrowed in SQL where indexes allow, then matched by mingo. */
  function matching(collection: string, filter: Filter): Json[] {
    const query = compileQuery(filter);
    const table = ensureCollection(collection);
    const { clauses, params } = pushdown(filter, indexedFields(collection));
    const sql = `SELECT id, doc FROM ${table}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ORDER BY id`;
    if (isFullScan(sql, params)) fullScans[collection] = (fullScans[collection] ?? 0) + 1;
    const rows = prepared(sql).all(...params) as Row[];
    return rows.map((r) => JSON.parse(r.doc) as Json).filter((doc) => query.test(doc));
  }

  /**
   * One page in the requested order: SQLite orders the candidates (through an index when one
   * fits) and rows are parsed and matched one by one until the page is full, so a page of 20
   * from 100,000 candidates does not parse 100,000 documents. SQLite's order of NULL < numbers <
   * text and binary string comparison agree with Mongo's sort for the scalars we store.
   */
  function page(collection: string, filter: Filter, findOptions: FindOptions | undefined): Json[] | null {
    const order = sqlOrder(findOptions?.orderBy);
    if (order === null) return null;
    const { skip, limit } = resolvePage(findOptions);
    const query = compileQuery(filter);
    const table = ensureCollection(collection);
    const { clauses, params, exact } = pushdown(filter, indexedFields(collection));
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    // When SQL alone decides the match, it can skip and limit too.
    const sql = `SELECT id, doc FROM ${table}${where} ORDER BY ${order}${exact ? ' LIMIT ? OFFSET ?' : ''}`;
    const allParams = exact ? [...params, limit, skip] : params;
    if (isFullScan(sql, allParams)) fullScans[collection] = (fullScans[collection] ?? 0) + 1;
    const out: Json[] = [];
    let skipped = 0;
    for (const row of prepared(sql).iterate(...allParams) as Iterable<Row>) {
      const doc = JSON.parse(row.doc) as Json;
      if (!exact && !query.test(doc)) continue;
      if (!exact && skipped < skip) {
        skipped += 1;
        continue;
      }
      out.push(doc);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** COUNT(*) in SQL when the filter is exactly expressible there; otherwise match candidates. */
  function countMatching(collection: string, filter: Filter): number {
    compileQuery(filter);
    const table = ensureCollection(collection);
    const { clauses, params, exact } = pushdown(filter, indexedFields(collection));
    if (!exact) return matching(collection, filter).length;
    const sql = `SELECT COUNT(*) AS n FROM ${table}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
    if (isFullScan(sql, params)) fullScans[collection] = (fullScans[collection] ?? 0) + 1;
    return (prepared(sql).get(...params) as { n: number }).n;
  }

  function readById(collection: string, id: string): Json | null {
    if (typeof id !== 'string' || id === '') throw new StoreError('INVALID_QUERY', 'id must be a non-empty string');
    const table = ensureCollection(collection);
    const row = prepared(`SELECT doc FROM ${table} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Json) : null;
  }

  function writeDoc(collection: string, doc: Json): void {
    assertIndexedScalars(collection, doc);
    const table = ensureCollection(collection);
    try {
      prepared(`UPDATE ${table} SET doc = ? WHERE id = ?`).run(JSON.stringify(doc), doc._id);
    } catch (err) {
      wrapSqliteError(err, `update ${collection}/${String(doc._id)}`);
    }
  }

  // Synchronous primitives; callers hold the queue.
  const ops = {
    get(collection: string, id: string): Json | null {
      // CloudBase answers reads of a missing collection as it answers writes (issue 17).
      assertDeclared(collection);
      return readById(collection, id);
    },
    insert(collection: string, doc: StoredDoc): void {
      if (!doc || typeof doc !== 'object' || typeof doc._id !== 'string' || doc._id === '') {
        throw new StoreError('INVALID_QUERY', 'insert needs a document with a non-empty string _id');
      }
      assertDeclared(collection);
      assertStorable(doc, 'document');
      const json = JSON.parse(JSON.stringify(doc)) as Json;
      assertIndexedScalars(collection, json);
      const table = ensureCollection(collection);
      try {
        prepared(`INSERT INTO ${table} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(json));
      } catch (err) {
        wrapSqliteError(err, `insert ${collection}/${doc._id}`);
      }
    },
    updateById(collection: string, id: string, update: Update): boolean {
      assertDeclared(collection);
      assertOperatorUpdate(update);
      const current = readById(collection, id);
      if (!current) return false;
      writeDoc(collection, applyUpdate(current, update));
      return true;
    },
    removeById(collection: string, id: string): boolean {
      if (typeof id !== 'string' || id === '') throw new StoreError('INVALID_QUERY', 'id must be a non-empty string');
      assertDeclared(collection);
      const table = ensureCollection(collection);
      return prepared(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
    },
  };

  /** Every outer operation goes through the queue, and never from inside a transaction body. */
  function outer<T>(task: () => T): Promise<T> {
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

  const now = options.now ?? Date.now;
  const lifetime = options.transactionLifetimeMs ?? 30_000;
  async function attemptTransaction<R>(body: (tx: TxStore) => Promise<R>): Promise<R> {
    let open = true;
    const startedAt = now();
    // As on CloudBase: a transaction that outlives its lifetime fails, whatever it did.
    const expired = () =>
      now() - startedAt > lifetime
        ? new StoreError('DATABASE_TRANSACTION_FAIL', `transaction exceeded its ${lifetime} ms lifetime`)
        : null;
    const inTx = <T>(task: () => T): Promise<T> => {
      if (!open) return Promise.reject(new StoreError('INVALID_QUERY', 'transaction already finished'));
      const late = expired();
      if (late) return Promise.reject(late);
      try {
        return Promise.resolve(task());
      } catch (err) {
        return Promise.reject(err);
      }
    };
    const tx: TxStore = {
      get: <T extends StoredDoc>(c: string, id: string) => inTx(() => ops.get(c, id) as T | null),
      insert: <T extends StoredDoc>(c: string, doc: T) => inTx(() => ops.insert(c, doc)),
      updateById: (c, id, update) => inTx(() => ops.updateById(c, id, update)),
      removeById: (c, id) => inTx(() => ops.removeById(c, id)),
    };
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
      // Tables created inside the rolled-back transaction are gone again.
      ensured.clear();
      throw err;
    }
  }

  return {
    get: <T extends StoredDoc>(collection: string, id: string) => outer(() => ops.get(collection, id) as T | null),
    insert: <T extends StoredDoc>(collection: string, doc: T) => outer(() => ops.insert(collection, doc)),
    updateById: (collection, id, update) => outer(() => ops.updateById(collection, id, update)),
    removeById: (collection, id) => outer(() => ops.removeById(collection, id)),

    find<T extends StoredDoc>(collection: string, filter: Filter, findOptions?: FindOptions): Promise<T[]> {
      return outer(() => {
        assertDeclared(collection);
        const paged = page(collection, filter, findOptions);
        if (paged) return paged as unknown as T[];
        const { skip, limit } = resolvePage(findOptions);
        const docs = matching(collection, filter);
        // _id as the last key makes paging deterministic when sort keys tie (as the CloudBase adapter does).
        const sort: Record<string, 1 | -1> = {};
        for (const [field, direction] of findOptions?.orderBy ?? []) sort[field] = direction === 'desc' ? -1 : 1;
        if (!('_id' in sort)) sort._id = 1;
        return mingoFind(docs, {}).sort(sort).skip(skip).limit(limit).all() as unknown as T[];
      });
    },

    count: (collection, filter) =>
      outer(() => {
        assertDeclared(collection);
        return countMatching(collection, filter);
      }),

    updateWhere(collection: string, filter: Filter, update: Update): Promise<number> {
      return outer(() => {
        assertDeclared(collection);
        assertOperatorUpdate(update);
        // Created outside the SQLite transaction so a rollback cannot drop a table we cached as ensured.
        ensureCollection(collection);
        // One SQLite transaction: either every matching document is updated or none.
        return db.transaction(() => {
          let modified = 0;
          for (const doc of matching(collection, filter)) {
            const next = applyUpdate(doc, update);
            // Counts modified documents, as CloudBase reports (a no-op update counts 0).
            if (JSON.stringify(next) !== JSON.stringify(doc)) {
              writeDoc(collection, next);
              modified += 1;
            }
          }
          return modified;
        })();
      });
    },

    async runTransaction<R>(body: (tx: TxStore) => Promise<R>): Promise<R> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await outer(() => attemptTransaction(body));
        } catch (err) {
          const retriable = err instanceof StoreError && err.code === 'DATABASE_TRANSACTION_CONFLICT';
          if (!retriable || attempt >= maxAttempts) throw err;
        }
      }
    },

    stats: () => ({
      fullScans: { ...fullScans },
      writes: (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    }),
    resetStats() {
      for (const key of Object.keys(fullScans)) delete fullScans[key];
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
