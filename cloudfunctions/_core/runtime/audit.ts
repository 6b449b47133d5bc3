import { AUDIT_COLLECTION, type AuditDoc, auditEntry } from '../domain/audit';
import type { TxStore } from '../store/docstore';
import type { ActionContext } from './define';

/**
 * The caller's audit entry, inserted in the change's own transaction (domain/audit.ts): the actor
 * is always the caller, so an action cannot record someone else as having done it.
 */
export async function auditAsCaller(
  tx: TxStore,
  ctx: Pick<ActionContext, 'caller'>,
  input: Omit<AuditDoc, '_id' | 'actorUserId' | 'communityId'> & { id: string; communityId: string | null },
): Promise<void> {
  await tx.insert(AUDIT_COLLECTION, auditEntry({ ...input, actorUserId: ctx.caller.userId }));
}
