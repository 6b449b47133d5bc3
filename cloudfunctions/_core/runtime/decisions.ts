import { decidesForSelf } from '../domain/policy';
import { PROXY_COLLECTIONS, type ProxyGrantDoc, proxyGrantId } from '../domain/proxy';
import type { Caller } from '../domain/roles';
import type { TxStore } from '../store/docstore';
import { AppError } from './errors';

/**
 * Whether two people are linked by a 代办 grant, either way, active or revoked: a second account
 * one person acts through (or acted through) is that person for maker-checker purposes.
 */
export async function proxyLinked(tx: Pick<TxStore, 'get'>, a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  if (await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, proxyGrantId(a, b))) return true;
  return (await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, proxyGrantId(b, a))) !== null;
}

/** True when a decision by the caller would benefit the caller: directly or through a proxied account. */
export async function decidesForSelfIn(
  tx: Pick<TxStore, 'get'>,
  caller: Pick<Caller, 'userId'>,
  beneficiaryId: string,
): Promise<boolean> {
  if (decidesForSelf(caller, beneficiaryId)) return true;
  return proxyLinked(tx, caller.userId, beneficiaryId);
}

/** Maker-checker, the one check: FORBIDDEN when the caller would decide for themselves. */
export async function assertNotForSelf(
  tx: Pick<TxStore, 'get'>,
  caller: Pick<Caller, 'userId'>,
  beneficiaryId: string,
  message = '不能为自己（或自己代办的账号）审核、发放或确认，请由另一名工作人员处理',
): Promise<void> {
  if (await decidesForSelfIn(tx, caller, beneficiaryId)) throw new AppError('FORBIDDEN', message);
}
