/**
 * Append-only audit trail of privileged actions (dispatch, award, approve, role change,
 * publication). Written inside the same transaction as the change it records.
 */
export interface AuditDoc {
  _id: string;
  at: string;
  actorUserId: string;
  /** `<function>.<action>`, e.g. `reports.dispatch`. */
  action: string;
  communityId: string | null;
  target: { collection: string; id: string };
  /** Short, non-personal facts about the change (amounts, statuses), never phone numbers or names. */
  details?: Record<string, string | number | boolean | null>;
}

export const AUDIT_COLLECTION = 'audit';

export function auditEntry(input: Omit<AuditDoc, '_id'> & { id: string }): AuditDoc {
  const { id, ...rest } = input;
  return { _id: id, ...rest };
}
