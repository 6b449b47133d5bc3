import { idempotent } from '../../_core/ledger';
import type { ActionContext } from '../../_core/runtime/define';
import type { TxStore } from '../../_core/store/docstore';

/**
 * A decision's transaction, exactly once per client key when one is given: a retried tap gets the
 * first answer instead of a CONFLICT. Without a key it is a plain transaction.
 */
export async function once<R>(
  ctx: ActionContext,
  key: string | undefined,
  request: Record<string, unknown>,
  body: (tx: TxStore) => Promise<R>,
): Promise<R> {
  if (!key) return ctx.store.runTransaction(body);
  return idempotent(ctx.store, { scope: ctx.caller.userId, key, request, at: ctx.clock.now().toISOString() }, body);
}
