import {
  type ActivityDoc,
  DISPUTE_LABELS,
  MAX_DISPUTES,
  type SignupDoc,
  type SignupStatus,
  type SlotDoc,
  slotId,
  TB_COLLECTIONS,
} from '../../_core/domain/timebank';
import type { TxStore } from '../../_core/store/docstore';

export const MAX_ACTIVITY_MS = 24 * 3600_000;

export function signupView(doc: SignupDoc | null) {
  if (!doc) return null;
  return {
    id: doc._id,
    activityId: doc.activityId,
    status: doc.status,
    statusLabel: SIGNUP_LABELS[doc.status],
    checkInAt: doc.checkInAt,
    checkOutAt: doc.checkOutAt,
    confirmedMinutes: doc.confirmedMinutes,
    confirmedAt: doc.confirmedAt,
    points: doc.points,
    corrections: doc.corrections ?? 0,
    dispute: doc.dispute ? { ...doc.dispute, statusLabel: DISPUTE_LABELS[doc.dispute.status] } : null,
    canDispute: Boolean(doc.confirmedAt) && doc.dispute?.status !== 'open' && (doc.disputeCount ?? 0) < MAX_DISPUTES,
  };
}

export const SIGNUP_LABELS: Record<SignupStatus, string> = { signed: '已报名', waiting: '候补中', cancelled: '已取消' };

/**
 * The slot a signed person holds. Sign-ups from before slot documents (seeded or older data) have
 * none recorded and hold no slot document: null, nothing to free.
 */
export async function heldSlot(tx: TxStore, activity: ActivityDoc, signup: SignupDoc): Promise<number | null> {
  if (typeof signup.slot !== 'number') return null;
  const doc = await tx.get<SlotDoc>(TB_COLLECTIONS.slots, slotId(activity._id, signup.slot));
  return doc?.userId === signup.userId ? signup.slot : null;
}
