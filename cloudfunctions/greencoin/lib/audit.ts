import { auditWriter } from '../../_core/redemption/audit';

export const FN = 'greencoin';

/** One audit entry `greencoin.<action>` in the caller's transaction (every privileged step writes one). */
export const writeAudit = auditWriter(FN);
