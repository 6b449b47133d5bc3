import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS } from '../../_core/domain/people';
import type { RoleGrant } from '../../_core/domain/roles';
import { TIP_SCHEMES } from '../../_core/domain/tips';
import type { ActionContext } from '../../_core/runtime/define';
import type { TxStore } from '../../_core/store/docstore';

const ZId = z.string().min(1).max(64);

export const ZOfficerInputSchema = z.strictObject({
  userId: ZId,
  scheme: z.enum(TIP_SCHEMES),
  /** Omitted: the officer serves the scheme street-wide (统一发放). */
  communityId: ZId.optional(),
});

export const sameGrant = (g: RoleGrant, scheme: string, communityId?: string) =>
  g.role === 'tip_officer' && g.scheme === scheme && g.communityId === communityId;

/** The audit entry of a designation or its withdrawal: who, for which scheme and area. */
export function auditDesignation(
  tx: TxStore,
  ctx: ActionContext,
  e: {
    id: string;
    at: string;
    action: string;
    userId: string;
    input: z.infer<typeof ZOfficerInputSchema>;
    details: Record<string, string | boolean>;
  },
) {
  return tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: e.id,
      at: e.at,
      actorUserId: ctx.caller.userId,
      action: e.action,
      communityId: e.input.communityId ?? null,
      target: { collection: COLLECTIONS.users, id: e.userId },
      details: e.details,
    }),
  );
}
