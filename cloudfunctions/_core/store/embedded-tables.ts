/**
 * The embedded store's collections on one SQLite connection: tables and expression indexes made
 * on first use, prepared statements cached by SQL text, full-scan accounting, and the synchronous
 * read/write primitives. Callers hold the store's queue (see embedded-tx.ts); nothing here awaits.
 */
import Database from 'better-sqlite3';
import { find as mingoFind } from 'mingo';
import {
  assertOperatorUpdate,
  assertStorable,
  type Filter,
  type FindOptions,
  resolvePage,
  type StoredDoc,
  StoreError,
  type Update,
} from './docstore';
import {
  applyUpdate,
  compileQuery,
  fieldExpr,
  getPath,
  type Json,
  jsonPath,
  pushdown,
  sqlOrder,
  tableName,
} from './embedded-query';
import type { IndexSpec } from './indexes';

type Row = { id: string; doc: string };

/**
 * Prepared statements by SQL text, prepared once (issue 19: preparing anew on every operation was
 * ~10% of the server's time under load). The texts are few (per collection × operation × filter
 * shape); a runaway variety is cut back rather than kept forever.
 */
const MAX_STATEMENTS = 2000;

function wrapSqliteError(err: unknown, context: string): never {
  if (err instanceof StoreError) throw err;
  const code = err instanceof Database.SqliteError ? err.code : undefined;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    throw new StoreError('DUPLICATE_KEY', `${context}: duplicate key`);
  }
  throw new StoreError('STORE_FAILURE', `${context}: ${(err as Error).message}`);
}

function indexesByCollection(indexes: readonly IndexSpec[]): Map<string, IndexSpec[]> {
  const byCollection = new Map<string, IndexSpec[]>();
  for (const spec of indexes) {
    if (spec.fields.length === 0) throw new StoreError('INVALID_QUERY', `index on ${spec.collection} has no fields`);
    for (const [field] of spec.fields) jsonPath(field); // validates early
    byCollection.set(spec.collection, [...(byCollection.get(spec.collection) ?? []), spec]);
  }
  return byCollection;
}

function requireId(id: unknown): void {
  if (typeof id !== 'string' || id === '') throw new StoreError('INVALID_QUERY', 'id must be a non-empty string');
}

export class SqliteCollections {
  readonly fullScans: Record<string, number> = {};
  private readonly statements = new Map<string, Database.Statement>();
  private readonly ensured = new Set<string>();
  private readonly planCache = new Map<string, boolean>();
  private readonly indexes: Map<string, IndexSpec[]>;
  private readonly declared: Set<string> | null;

  constructor(
    private readonly db: Database.Database,
    indexes: readonly IndexSpec[] = [],
    collections?: readonly string[],
  ) {
    this.indexes = indexesByCollection(indexes);
    this.declared = collections ? new Set(collections) : null;
  }

  /** Tables created inside a rolled-back transaction are gone again. */
  forgetTables(): void {
    this.ensured.clear();
  }

  assertDeclared(collection: string): void {
    if (this.declared && !this.declared.has(collection))
      throw new StoreError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `集合 ${collection} 未声明（cloudfunctions/_core/store/collections.ts），CloudBase 中不存在`,
      );
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private indexedFields(collection: string): Set<string> {
    return new Set((this.indexes.get(collection) ?? []).flatMap((s) => s.fields.map(([f]) => f)));
  }

  ensureCollection(collection: string): string {
    const table = tableName(collection);
    if (this.ensured.has(collection)) return table;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL) STRICT, WITHOUT ROWID`,
    );
    const declared = new Set<string>();
    for (const spec of this.indexes.get(collection) ?? []) {
      const name = spec.name ?? spec.fields.map(([f, d]) => `${f}_${d}`).join('_');
      const columns = spec.fields.map(([f, d]) => `${fieldExpr(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ');
      const index = `ix_${collection}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
      declared.add(index);
      this.db.exec(`CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${index}" ON ${table} (${columns})`);
    }
    // A data folder made under an older index list keeps indexes no longer declared; the planner
    // may still pick one (a replaced (scope, day) index over the (scope, _id, day) one the keyset
    // walks need), so they go, as on a deploy.
    if (this.indexes.has(collection)) {
      const stale = this.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'",
        )
        .all(table.slice(1, -1)) as Array<{ name: string }>;
      for (const { name } of stale) if (!declared.has(name)) this.db.exec(`DROP INDEX "${name}"`);
    }
    this.ensured.add(collection);
    return table;
  }

  /** Pushing `{field: v}` to SQL is only equivalent to Mongo's match if indexed fields are scalars. */
  private assertIndexedScalars(collection: string, doc: Json): void {
    for (const field of this.indexedFields(collection)) {
      if (field === '_id') continue;
      const { value, throughArray } = getPath(doc, field);
      if (throughArray || (value !== null && value !== undefined && typeof value === 'object')) {
        throw new StoreError('INVALID_QUERY', `${collection}.${field} is indexed and must hold a scalar`);
      }
    }
  }

  /** Counts a query whose SQL plan scans the whole table (the plan is looked up once per SQL text). */
  private noteScan(collection: string, sql: string, params: unknown[]): void {
    let full = this.planCache.get(sql);
    if (full === undefined) {
      const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
      full = plan.some((step) => step.detail.startsWith('SCAN '));
      this.planCache.set(sql, full);
    }
    if (full) this.fullScans[collection] = (this.fullScans[collection] ?? 0) + 1;
  }

  /**
   * The SQLite plan of the page query `find` would run (EXPLAIN QUERY PLAN details), or null when
   * it sorts in memory: tests assert that keyset pages walk an index in _id order rather than sort
   * every match again on each page.
   */
  plan(collection: string, filter: Filter, findOptions?: FindOptions): string[] | null {
    const query = this.pageQuery(collection, filter, findOptions);
    if (!query) return null;
    const steps = this.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{ detail: string }>;
    return steps.map((s) => s.detail);
  }

  /** The SQL of one page in the requested order; null when an order field cannot be expressed. */
  private pageQuery(collection: string, filter: Filter, findOptions: FindOptions | undefined) {
    const order = sqlOrder(findOptions?.orderBy);
    if (order === null) return null;
    const { skip, limit } = resolvePage(findOptions);
    const table = this.ensureCollection(collection);
    const { clauses, params, exact } = pushdown(filter, this.indexedFields(collection));
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    // When SQL alone decides the match, it can skip and limit too.
    const sql = `SELECT id, doc FROM ${table}${where} ORDER BY ${order}${exact ? ' LIMIT ? OFFSET ?' : ''}`;
    return { sql, params: exact ? [...params, limit, skip] : params, exact, skip, limit };
  }

  /** Candidate rows for a filter, narrowed in SQL where indexes allow, then matched by mingo. */
  private matching(collection: string, filter: Filter): Json[] {
    const query = compileQuery(filter);
    const table = this.ensureCollection(collection);
    const { clauses, params } = pushdown(filter, this.indexedFields(collection));
    const sql = `SELECT id, doc FROM ${table}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ORDER BY id`;
    this.noteScan(collection, sql, params);
    const rows = this.prepared(sql).all(...params) as Row[];
    return rows.map((r) => JSON.parse(r.doc) as Json).filter((doc) => query.test(doc));
  }

  /**
   * One page in the requested order: SQLite orders the candidates (through an index when one
   * fits) and rows are parsed and matched one by one until the page is full, so a page of 20
   * from 100,000 candidates does not parse 100,000 documents. SQLite's order of NULL < numbers <
   * text and binary string comparison agree with Mongo's sort for the scalars we store.
   */
  private page(collection: string, filter: Filter, findOptions: FindOptions | undefined): Json[] | null {
    const query = compileQuery(filter);
    const page = this.pageQuery(collection, filter, findOptions);
    if (page === null) return null;
    const { sql, params: allParams, exact, skip, limit } = page;
    this.noteScan(collection, sql, allParams);
    const out: Json[] = [];
    let skipped = 0;
    for (const row of this.prepared(sql).iterate(...allParams) as Iterable<Row>) {
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

  find(collection: string, filter: Filter, findOptions?: FindOptions): Json[] {
    this.assertDeclared(collection);
    const paged = this.page(collection, filter, findOptions);
    if (paged) return paged;
    const { skip, limit } = resolvePage(findOptions);
    const docs = this.matching(collection, filter);
    // _id as the last key makes paging deterministic when sort keys tie (as the CloudBase adapter does).
    const sort: Record<string, 1 | -1> = {};
    for (const [field, direction] of findOptions?.orderBy ?? []) sort[field] = direction === 'desc' ? -1 : 1;
    if (!('_id' in sort)) sort._id = 1;
    return mingoFind(docs, {}).sort(sort).skip(skip).limit(limit).all() as Json[];
  }

  /** COUNT(*) in SQL when the filter is exactly expressible there; otherwise match candidates. */
  count(collection: string, filter: Filter): number {
    this.assertDeclared(collection);
    compileQuery(filter);
    const table = this.ensureCollection(collection);
    const { clauses, params, exact } = pushdown(filter, this.indexedFields(collection));
    if (!exact) return this.matching(collection, filter).length;
    const sql = `SELECT COUNT(*) AS n FROM ${table}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
    this.noteScan(collection, sql, params);
    return (this.prepared(sql).get(...params) as { n: number }).n;
  }

  private readById(collection: string, id: string): Json | null {
    requireId(id);
    const table = this.ensureCollection(collection);
    const row = this.prepared(`SELECT doc FROM ${table} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Json) : null;
  }

  private writeDoc(collection: string, doc: Json): void {
    this.assertIndexedScalars(collection, doc);
    const table = this.ensureCollection(collection);
    try {
      this.prepared(`UPDATE ${table} SET doc = ? WHERE id = ?`).run(JSON.stringify(doc), doc._id);
    } catch (err) {
      wrapSqliteError(err, `update ${collection}/${String(doc._id)}`);
    }
  }

  get(collection: string, id: string): Json | null {
    // CloudBase answers reads of a missing collection as it answers writes (issue 17).
    this.assertDeclared(collection);
    return this.readById(collection, id);
  }

  insert(collection: string, doc: StoredDoc): void {
    if (!doc || typeof doc !== 'object' || typeof doc._id !== 'string' || doc._id === '') {
      throw new StoreError('INVALID_QUERY', 'insert needs a document with a non-empty string _id');
    }
    this.assertDeclared(collection);
    assertStorable(doc, 'document');
    const json = JSON.parse(JSON.stringify(doc)) as Json;
    this.assertIndexedScalars(collection, json);
    const table = this.ensureCollection(collection);
    try {
      this.prepared(`INSERT INTO ${table} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(json));
    } catch (err) {
      wrapSqliteError(err, `insert ${collection}/${doc._id}`);
    }
  }

  updateById(collection: string, id: string, update: Update): boolean {
    this.assertDeclared(collection);
    assertOperatorUpdate(update);
    const current = this.readById(collection, id);
    if (!current) return false;
    this.writeDoc(collection, applyUpdate(current, update));
    return true;
  }

  removeById(collection: string, id: string): boolean {
    requireId(id);
    this.assertDeclared(collection);
    const table = this.ensureCollection(collection);
    return this.prepared(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
  }

  updateWhere(collection: string, filter: Filter, update: Update): number {
    this.assertDeclared(collection);
    assertOperatorUpdate(update);
    // Created outside the SQLite transaction so a rollback cannot drop a table we cached as ensured.
    this.ensureCollection(collection);
    // One SQLite transaction: either every matching document is updated or none.
    return this.db.transaction(() => {
      let modified = 0;
      for (const doc of this.matching(collection, filter)) {
        const next = applyUpdate(doc, update);
        // Counts modified documents, as CloudBase reports (a no-op update counts 0).
        if (JSON.stringify(next) !== JSON.stringify(doc)) {
          this.writeDoc(collection, next);
          modified += 1;
        }
      }
      return modified;
    })();
  }
}
