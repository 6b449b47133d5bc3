import { z } from 'zod';
import { type AppointmentDoc, SAGE_COLLECTIONS, type TermChange } from '../../_core/domain/sages';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { appointmentView, audit, loadAppointment, requireStreet, setSageGrant, tell } from './access';

export const ZId = z.string().min(1).max(64);

export const ZReason = z.string().trim().min(2).max(300);

/** What a renewal or removal does to one appointment, decided on the record read inside the transaction. */
interface TermDecision {
  update: Partial<Pick<AppointmentDoc, 'status' | 'termEnd' | 'removedReason'>>;
  change: Omit<TermChange, 'at' | 'byUserId'>;
  grant: boolean;
  message: { title: string; body: string };
  action: string;
  details: Record<string, string | number | boolean | null>;
}

/**
 * The one load-and-check of the street's term decisions: the street only, never about oneself (or
 * a proxy-linked account), the appointment read and changed in one transaction with its history,
 * the role, the message and the audit entry.
 */
export function changeTerm(
  ctx: ActionContext,
  appointmentId: string,
  selfMessage: string,
  decide: (doc: AppointmentDoc, at: string) => TermDecision,
) {
  requireStreet(ctx.caller);
  const at = ctx.clock.now().toISOString();
  const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
  return ctx.store.runTransaction(async (tx) => {
    const doc = await loadAppointment(tx, appointmentId);
    await assertNotForSelf(tx, ctx.caller, doc.userId, selfMessage);
    const d = decide(doc, at);
    const update = {
      ...d.update,
      history: [...doc.history, { at, byUserId: ctx.caller.userId, ...d.change }],
      updatedAt: at,
    };
    await tx.updateById(SAGE_COLLECTIONS.appointments, doc._id, { $set: update });
    await setSageGrant(tx, doc.userId, doc.communityId, d.grant, at);
    await tell(tx, ids, doc.userId, d.message.title, d.message.body, at);
    await audit(tx, ctx, {
      id: ids.auditId,
      at,
      action: d.action,
      communityId: doc.communityId,
      target: { collection: SAGE_COLLECTIONS.appointments, id: doc._id },
      details: d.details,
    });
    return appointmentView(tx, { ...doc, ...update }, at);
  });
}
