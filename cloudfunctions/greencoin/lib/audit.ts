import { AUDIT_COLLECTION, type AuditDoc, auditEntry } from '../../_core/domain/audit';
import type { ActionContext } from '../../_core/runtime/define';
import type { TxStore } from '../../_core/store/docstore';

export const FN = 'greencoin';

/** One audit entry `greencoin.<action>` in the caller's transaction (every privileged step writes one). */
export async function writeAudit(
  tx: TxStore,
  ctx: Pick<ActionContext, 'caller'>,
  input: {
    id: string;
    at: string;
    action: string;
    communityId: string | null;
    target: AuditDoc['target'];
    details?: AuditDoc['details'];
    actorUserId?: string;
  },
): Promise<void> {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: input.id,
      at: input.at,
      actorUserId: input.actorUserId ?? ctx.caller.userId,
      action: `${FN}.${input.action}`,
      communityId: input.communityId,
      target: input.target,
      details: input.details,
    }),
  );
}
