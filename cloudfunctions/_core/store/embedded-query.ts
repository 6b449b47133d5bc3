/**
 * Query translation for the embedded store: which part of a Mongo filter SQLite can answer
 * (pushdown onto json_extract expressions the indexes are built on), SQL sort keys, and the
 * mingo query/update that decides the rest. Pure: no connection here.
 */
import { update as mingoUpdate, Query } from 'mingo';
import {
  assertOperatorUpdate,
  assertStorable,
  type Filter,
  type FindOptions,
  StoreError,
  type Update,
} from './docstore';

export type Json = Record<string, unknown>;

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
const FIELD_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function tableName(collection: string): string {
  if (!COLLECTION_NAME.test(collection)) {
    throw new StoreError('INVALID_QUERY', `invalid collection name: ${collection}`);
  }
  return `"c_${collection}"`;
}

export function jsonPath(field: string): string {
  const segments = field.split('.');
  if (!segments.every((s) => FIELD_SEGMENT.test(s))) {
    throw new StoreError('INVALID_QUERY', `index field must be a plain dotted path: ${field}`);
  }
  return `'$.${segments.join('.')}'`;
}

/** SQL expression for a field; must be textually identical in indexes and queries for the planner. */
export function fieldExpr(field: string): string {
  return field === '_id' ? 'id' : `json_extract(doc, ${jsonPath(field)})`;
}

export function getPath(doc: unknown, field: string): { value: unknown; throughArray: boolean } {
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
export function pushdown(
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

/**
 * Restricts a field to the JSON type of `value`, so SQL comparisons match Mongo's type brackets.
 * A string bound is guarded on the indexed expression itself (json_extract yields TEXT only for a
 * JSON string, indexed fields being scalars), which SQLite answers from the index entry: a range
 * walk then reads no document it does not return (json_type would parse every candidate's JSON).
 * A numeric bound keeps json_type: json_extract turns true/false into 1/0, which Mongo never
 * compares with numbers.
 */
function typeGuard(field: string, value: string | number): string {
  if (typeof value === 'string') return `typeof(${fieldExpr(field)}) = 'text'`;
  return `json_type(doc, ${jsonPath(field)}) IN ('integer', 'real')`;
}

/** SQL sort keys for orderBy; null when a field cannot be expressed (then mingo sorts in memory). */
export function sqlOrder(orderBy: FindOptions['orderBy']): string | null {
  const keys: string[] = [];
  for (const [field, direction] of orderBy ?? []) {
    if (field !== '_id' && !field.split('.').every((segment) => FIELD_SEGMENT.test(segment))) return null;
    keys.push(`${fieldExpr(field)} ${direction === 'desc' ? 'DESC' : 'ASC'}`);
  }
  if (!(orderBy ?? []).some(([field]) => field === '_id')) keys.push('id ASC');
  return keys.join(', ');
}

export function compileQuery(filter: Filter): Query {
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
