/**
 * Client-repeatable writes, for every function (reports, the ledger's callers, goods, services …):
 * the client sends a key with the request; the first outcome under that key is kept and replayed.
 * Beside the ledger, not inside it: it knows nothing of accounts, only of transactions and keys.
 * Pure parts (fingerprints, the replay decision) are in `_core/domain/idempotency.ts`.
 *
 *   return idempotent(ctx.store, { scope: ctx.caller.userId, key: input.idempotencyKey,
 *                                  request: { action: 'submit', ...rest }, at }, async (tx) => { … });
 */
import { decideReplay, type IdempotencyDoc, idempotencyId, requestHash } from '../domain/idempotency';
import { toAppError } from '../runtime/edge';
import { AppError, type ErrorCode } from '../runtime/errors';
import { type DocStore, StoreError, type TxStore } from '../store/docstore';

export * from '../domain/idempotency';

export const IDEMPOTENCY_COLLECTION = 'idempotency';

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

/** The same key sent with another request. */
class KeyReusedError extends AppError {
  constructor() {
    super('CONFLICT', '该请求编号已用于另一项操作，请刷新后重试');
  }
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
  const conflict = () => new KeyReusedError();
  let outcome: { replayed: IdempotencyDoc } | { result: R };
  try {
    outcome = await store.runTransaction(async (tx) => {
      const decision = decideReplay(await tx.get<IdempotencyDoc>(IDEMPOTENCY_COLLECTION, id), hash);
      if (decision.kind === 'conflict') throw conflict();
      if (decision.kind === 'replay') return { replayed: decision.record };
      const result = await body(tx);
      await tx.insert<IdempotencyDoc>(IDEMPOTENCY_COLLECTION, {
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
      const winner = await store.runTransaction((tx) => tx.get<IdempotencyDoc>(IDEMPOTENCY_COLLECTION, id));
      const decision = decideReplay(winner, hash);
      if (decision.kind === 'replay') return replay<R>(decision.record);
      if (decision.kind === 'conflict') throw conflict();
    }
    const appError = toAppError(error);
    // A reused key is the caller's mistake about this one request: never recorded as its outcome.
    if (
      !(appError instanceof AppError) ||
      !STICKY_CODES.includes(appError.code) ||
      appError instanceof KeyReusedError
    ) {
      throw appError;
    }
    const recorded = await store.runTransaction(async (tx) => {
      const decision = decideReplay(await tx.get<IdempotencyDoc>(IDEMPOTENCY_COLLECTION, id), hash);
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
      await tx.insert<IdempotencyDoc>(IDEMPOTENCY_COLLECTION, failed);
      return failed;
    });
    return replay<R>(recorded);
  }
  return 'replayed' in outcome ? replay<R>(outcome.replayed) : outcome.result;
}
