/**
 * The action edge: where failures of the layers below become what a person reads. Domain rules
 * return decisions (`decided` throws a refusal as AppError). The ledger
 * throws `LedgerError` with a kind and no text for people; this table is the one place that gives
 * each kind its gateway code and Chinese message. Kinds that are a caller's bug (a malformed
 * account, records that disagree) stay unmapped, so the dispatcher logs them and answers INTERNAL.
 */
import type { Refusal } from '../domain/decision';
import { LedgerError, type LedgerErrorKind } from '../domain/ledger/errors';
import { AppError, type ErrorCode } from './errors';

const LEDGER_REFUSALS: Record<LedgerErrorKind, readonly [ErrorCode, string] | null> = {
  invalid_amount: ['INVALID_INPUT', '记账金额不正确'],
  unbalanced: ['INVALID_INPUT', '记账参数不正确'],
  currency_mismatch: ['INVALID_INPUT', '币种不一致'],
  unknown_account: ['INVALID_INPUT', '记账参数不正确'],
  insufficient_funds: ['INSUFFICIENT_FUNDS', '余额不足'],
  hold_not_found: ['NOT_FOUND', '冻结记录不存在'],
  hold_not_open: ['CONFLICT', '该笔冻结已处理，不能重复操作'],
  posting_not_found: ['NOT_FOUND', '原记账记录不存在'],
  corrupt: null,
  invalid_account: null,
  misuse: null,
};

/** An AppError for a refusal the caller can act on; any other error is returned as it is. */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof LedgerError)) return error;
  const refusal = LEDGER_REFUSALS[error.kind];
  return refusal ? new AppError(refusal[0], refusal[1]) : error;
}

/** A domain decision at the edge: the decided payload, or the refusal thrown as an AppError. */
export function decided<D extends { ok: boolean }>(decision: D): Exclude<D, Refusal> {
  if (decision.ok) return decision as Exclude<D, Refusal>;
  const refusal = decision as unknown as Refusal;
  throw new AppError(refusal.code, refusal.message);
}
