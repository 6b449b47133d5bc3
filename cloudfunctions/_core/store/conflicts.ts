/**
 * Test double: wraps any DocStore so that transaction attempts fail with
 * DATABASE_TRANSACTION_CONFLICT before or after some tx operations, as CloudBase does under
 * contention. "After" matters most: the operation has been applied inside the transaction and the
 * adapter must roll it back before retrying.
 *
 * Deterministic by construction (a counter, or a seeded PRNG), and each runTransaction call gets at
 * most `maxPerTransaction` injected conflicts so a correct adapter's retries always get through.
 */
import { type DocStore, StoreError, type TxStore } from './docstore';

export interface ConflictInjectionOptions {
  /** Inject at every n-th tx operation boundary (counted across the wrapped store). */
  everyNth?: number;
  /** Or inject with this probability at each boundary, using a PRNG seeded with `seed`. */
  probability?: number;
  seed?: number;
  /** Cap per runTransaction call; keep below the adapter's attempt limit. Default 2. */
  maxPerTransaction?: number;
  /**
   * Inject only at commit, once the whole body has run and written something (the hardest case:
   * every write and every effect of the attempt happened, the writes must be rolled back and the
   * body run again). With everyNth 1 and maxPerTransaction 1, every transaction that writes fails
   * once at commit.
   */
  atCommitAfterWrites?: boolean;
  /** Told of each injected conflict (tests attribute them to the action that ran the transaction). */
  onInject?: (where: string) => void;
}

export interface ConflictInjectionStats {
  injected: number;
  transactions: number;
}

/** mulberry32: tiny, fast, good enough to make injection reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function withInjectedConflicts<S extends DocStore>(
  store: S,
  options: ConflictInjectionOptions,
): S & { conflictStats(): ConflictInjectionStats } {
  const { everyNth, probability, maxPerTransaction = 2, atCommitAfterWrites = false } = options;
  if (!everyNth && !probability) throw new Error('withInjectedConflicts needs everyNth or probability');
  const random = seededRandom(options.seed ?? 1);
  let boundaries = 0;
  const stats: ConflictInjectionStats = { injected: 0, transactions: 0 };

  const shouldInject = (): boolean => {
    boundaries += 1;
    return everyNth ? boundaries % everyNth === 0 : random() < (probability ?? 0);
  };

  function wrapTx(tx: TxStore, budget: { left: number }, attempt: { wrote: boolean }): TxStore {
    const maybeConflict = (where: string) => {
      if (budget.left > 0 && shouldInject()) {
        budget.left -= 1;
        stats.injected += 1;
        options.onInject?.(where);
        throw new StoreError('DATABASE_TRANSACTION_CONFLICT', `injected conflict ${where}`);
      }
    };
    const around =
      <A extends unknown[], T>(name: string, fn: (...args: A) => Promise<T>, writes: boolean) =>
      async (...args: A): Promise<T> => {
        if (!atCommitAfterWrites) maybeConflict(`before ${name}`);
        const result = await fn(...args);
        if (writes) attempt.wrote = true;
        if (!atCommitAfterWrites) maybeConflict(`after ${name}`);
        return result;
      };
    return {
      get: around('get', tx.get.bind(tx), false) as TxStore['get'],
      insert: around('insert', tx.insert.bind(tx), true) as TxStore['insert'],
      updateById: around('updateById', tx.updateById.bind(tx), true),
      removeById: around('removeById', tx.removeById.bind(tx), true),
    };
  }

  const wrapped = Object.create(store) as S & { conflictStats(): ConflictInjectionStats };
  wrapped.runTransaction = <R>(body: (tx: TxStore) => Promise<R>): Promise<R> => {
    stats.transactions += 1;
    // One budget per logical transaction, shared by its retried attempts.
    const budget = { left: maxPerTransaction };
    return store.runTransaction(async (tx) => {
      const attempt = { wrote: false };
      const result = await body(wrapTx(tx, budget, attempt));
      if (atCommitAfterWrites && attempt.wrote && budget.left > 0 && shouldInject()) {
        budget.left -= 1;
        stats.injected += 1;
        options.onInject?.('at commit');
        throw new StoreError('DATABASE_TRANSACTION_CONFLICT', 'injected conflict at commit');
      }
      return result;
    });
  };
  wrapped.conflictStats = () => ({ ...stats });
  return wrapped;
}
