import { AUDIT_COLLECTION, type AuditDoc, auditEntry } from '../domain/audit';
import type { ActionContext } from '../runtime/define';
import type { TxStore } from '../store/docstore';

export interface AuditInput {
  id: string;
  at: string;
  /** Without the function's prefix: `redeem.approve` is written as `greencoin.redeem.approve`. */
  action: string;
  communityId: string | null;
  target: AuditDoc['target'];
  details?: AuditDoc['details'];
  /** Who acted, when not the caller (the timer writes 'system'). */
  actorUserId?: string;
}

/** The audit writer of one function (greencoin, timebank): one entry `<fn>.<action>` in the caller's transaction. */
export function auditWriter(fn: string) {
  return async (tx: TxStore, ctx: Pick<ActionContext, 'caller'>, input: AuditInput): Promise<void> => {
    await tx.insert(
      AUDIT_COLLECTION,
      auditEntry({
        id: input.id,
        at: input.at,
        actorUserId: input.actorUserId ?? ctx.caller.userId,
        action: `${fn}.${input.action}`,
        communityId: input.communityId,
        target: input.target,
        details: input.details,
      }),
    );
  };
}
