import { COLLECTIONS, type UserDoc } from '../domain/people';
import {
  allows,
  PROXY_COLLECTIONS,
  PROXY_SCOPE_LABELS,
  type ProxyActionDoc,
  type ProxyGrantDoc,
  type ProxyScope,
  proxyGrantId,
} from '../domain/proxy';
import type { Caller } from '../domain/roles';
import type { TxStore } from '../store/docstore';
import { AppError } from './errors';

/**
 * The one check for acting on someone's behalf (代办): the resident must have granted the caller
 * this scope and not revoked it. Read inside the caller's transaction, so a revocation that lands
 * first is honoured.
 */
export async function assertProxy(
  tx: Pick<TxStore, 'get'>,
  caller: Caller,
  principalUserId: string,
  scope: ProxyScope,
): Promise<ProxyGrantDoc> {
  const grant = await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, proxyGrantId(principalUserId, caller.userId));
  if (!grant || !allows(grant, scope)) {
    throw new AppError('FORBIDDEN', `对方没有授权您代办「${PROXY_SCOPE_LABELS[scope]}」，或已撤销授权`);
  }
  return grant;
}

/**
 * The person a proxied action is done for, as a Caller (their own roles and home), after
 * `assertProxy`: handlers then run their usual rules against the principal instead of the helper.
 * Call it inside the action's transaction.
 */
export async function actAsPrincipal(
  tx: Pick<TxStore, 'get'>,
  caller: Caller,
  principalUserId: string,
  scope: ProxyScope,
): Promise<Caller> {
  await assertProxy(tx, caller, principalUserId, scope);
  const principal = await tx.get<UserDoc>(COLLECTIONS.users, principalUserId);
  if (!principal) throw new AppError('FORBIDDEN', '委托人已注销，不能代办');
  return {
    userId: principal._id,
    grants: principal.grants,
    ...(principal.communityId ? { communityId: principal.communityId } : {}),
    ...(principal.gridId ? { gridId: principal.gridId } : {}),
  };
}

/** Records a proxied action for the resident's 代办记录, in the action's own transaction. */
export async function recordProxyAction(tx: Pick<TxStore, 'insert'>, entry: ProxyActionDoc): Promise<void> {
  await tx.insert<ProxyActionDoc>(PROXY_COLLECTIONS.actions, entry);
}
