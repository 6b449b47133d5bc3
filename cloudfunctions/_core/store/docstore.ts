/**
 * The DocStore port: the one place that touches a database.
 *
 * Filters and updates are MongoDB-operator objects ({ status: { $in: [...] } }, { $inc: { n: 1 } }),
 * which both CloudBase (raw mode) and mingo understand. Inside a transaction only id-based
 * operations exist, because CloudBase silently runs `where().update()` outside the transaction.
 */

export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;

export interface StoredDoc {
  _id: string;
}

export type SortDirection = 'asc' | 'desc';

export interface FindOptions {
  orderBy?: ReadonlyArray<readonly [field: string, direction: SortDirection]>;
  skip?: number;
  /** Defaults to DEFAULT_PAGE_SIZE; above MAX_PAGE_SIZE is refused (CloudBase's own limits). */
  limit?: number;
}

/** CloudBase returns 100 documents when no limit is given and refuses more than 1000. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Operations allowed inside a transaction: by id only. */
export interface TxStore {
  get<T extends StoredDoc>(collection: string, id: string): Promise<T | null>;
  /** Inserts a document with a caller-chosen `_id`; fails with StoreError('DUPLICATE_KEY') if taken. */
  insert<T extends StoredDoc>(collection: string, doc: T): Promise<void>;
  /** Applies a Mongo-style update to one document; returns false when the id does not exist. */
  updateById(collection: string, id: string, update: Update): Promise<boolean>;
  /** Removes one document; returns false when the id does not exist. */
  removeById(collection: string, id: string): Promise<boolean>;
}

export interface DocStore extends TxStore {
  find<T extends StoredDoc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter: Filter): Promise<number>;
  /** Applies an update to every matching document; returns how many were updated. */
  updateWhere(collection: string, filter: Filter, update: Update): Promise<number>;
  /**
   * Runs `body` as one all-or-nothing unit and retries it on DATABASE_TRANSACTION_CONFLICT, so
   * the body must be pure apart from its `tx` calls (CloudBase may run it more than once).
   */
  runTransaction<R>(body: (tx: TxStore) => Promise<R>): Promise<R>;
  close?(): Promise<void>;
}

export type StoreErrorCode =
  | 'DUPLICATE_KEY'
  | 'DATABASE_TRANSACTION_CONFLICT'
  /** CloudBase's answer to a write into a collection that does not exist (not created by db:apply). */
  | 'DATABASE_COLLECTION_NOT_EXIST'
  /** CloudBase ends a transaction 30 s after it started; later calls and the commit fail. */
  | 'DATABASE_TRANSACTION_FAIL'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_QUERY'
  | 'STORE_FAILURE';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function resolvePage(options: FindOptions | undefined): { skip: number; limit: number } {
  const limit = options?.limit ?? DEFAULT_PAGE_SIZE;
  const skip = options?.skip ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new StoreError('LIMIT_EXCEEDED', `limit must be an integer in 1..${MAX_PAGE_SIZE}, got ${limit}`);
  }
  if (!Number.isInteger(skip) || skip < 0) {
    throw new StoreError('INVALID_QUERY', `skip must be a non-negative integer, got ${skip}`);
  }
  return { skip, limit };
}

/**
 * Rejects values neither adapter can store faithfully. The domain stores times as ISO-8601
 * strings or epoch-ms numbers, never Date objects: CloudBase would keep a BSON date while the
 * embedded store would keep a string, so a Date would compare differently on each adapter.
 * RegExp is allowed in filters only.
 */
export function assertStorable(value: unknown, where: string, allowRegExp = false): void {
  const visit = (v: unknown, path: string): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || v === undefined) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new StoreError('INVALID_QUERY', `${where}: non-finite number at ${path}`);
      return;
    }
    if (v instanceof Date) {
      throw new StoreError('INVALID_QUERY', `${where}: Date at ${path}; store ISO-8601 strings or epoch ms`);
    }
    if (v instanceof RegExp && allowRegExp) return;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, `${path}.${i}`);
      return;
    }
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new StoreError('INVALID_QUERY', `${where}: unsupported object at ${path}`);
      }
      for (const [key, item] of Object.entries(v)) visit(item, path ? `${path}.${key}` : key);
      return;
    }
    throw new StoreError('INVALID_QUERY', `${where}: unsupported ${typeof v} at ${path}`);
  };
  visit(value, '');
}

/** Both adapters accept only operator updates ({ $set: … }); a bare object would replace on one and merge on the other. */
export function assertOperatorUpdate(update: Update): void {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((k) => !k.startsWith('$'))) {
    throw new StoreError('INVALID_QUERY', 'update must be a non-empty object of $-operators');
  }
  assertStorable(update, 'update');
}
