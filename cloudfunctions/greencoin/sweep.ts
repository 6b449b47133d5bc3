/**
 * Expiry of unapproved redemption requests, and of approved ones not collected by their pickup
 * deadline (coins reversed back, goods back on the shelf). Run by `redeem.expire` (staff), by the local
 * runtime's timer, and by the CloudBase timer trigger (see index.ts and config.json).
 * Each request expires in its own transaction, with the state checked inside it, so a sweep
 * racing an approval or a second sweep never resolves a request twice.
 */
import { refuse } from '../_core/domain/decision';
import { GC_COLLECTIONS, type RedemptionDoc } from '../_core/domain/greencoin';
import type { Caller } from '../_core/domain/roles';
import { SYSTEM_CALLER } from '../_core/runtime/callers';
import type { ActionContext } from '../_core/runtime/define';
import { AppError } from '../_core/runtime/errors';
import { newTransitionIds, releaseRedemption, returnApprovedRedemption } from './lib/redemption';

export async function sweepExpired(
  deps: Pick<ActionContext, 'store' | 'clock' | 'newId'> & { caller?: Caller },
  options: { communityId?: string; max?: number } = {},
): Promise<{ expired: number; lapsed: number }> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const limit = Math.min(options.max ?? 200, 1000);
  const scope: Record<string, unknown> = options.communityId ? { communityId: options.communityId } : {};
  const actor = deps.caller ?? SYSTEM_CALLER;

  /** One transaction per redemption, state checked inside: a racing decision or sweep wins cleanly. */
  async function each(docs: RedemptionDoc[], run: (doc: RedemptionDoc) => Promise<unknown>): Promise<number> {
    let n = 0;
    for (const doc of docs) {
      try {
        await run(doc);
        n += 1;
      } catch (error) {
        // Approved, rejected, cancelled or collected meanwhile: nothing to do for this one.
        if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      }
    }
    return n;
  }

  const due = await deps.store.find<RedemptionDoc>(
    GC_COLLECTIONS.redemptions,
    { ...scope, status: 'requested', expiresAt: { $lte: nowIso } },
    { orderBy: [['expiresAt', 'asc']], limit },
  );
  const expired = await each(due, (doc) => {
    const ids = newTransitionIds(deps.newId);
    return deps.store.runTransaction((tx) =>
      releaseRedemption(tx, {
        redemptionId: doc._id,
        action: 'expire',
        actor,
        reason: '超时未审核',
        at: now,
        ids,
        authorize: () => undefined,
      }),
    );
  });

  const uncollected = await deps.store.find<RedemptionDoc>(
    GC_COLLECTIONS.redemptions,
    { ...scope, status: 'approved', pickupBy: { $lt: nowIso } },
    { orderBy: [['pickupBy', 'asc']], limit },
  );
  const lapsed = await each(uncollected, (doc) => {
    const ids = newTransitionIds(deps.newId);
    return deps.store.runTransaction((tx) =>
      returnApprovedRedemption(tx, {
        redemptionId: doc._id,
        action: 'lapse',
        actor,
        reason: '超过领取期限未领取',
        at: now,
        ids,
        // Re-read inside: collected in the meantime is a CONFLICT (not approved any more).
        authorize: (d) => (!d.pickupBy || d.pickupBy >= nowIso ? refuse('CONFLICT', '尚未超过领取期限') : { ok: true }),
      }),
    );
  });
  return { expired, lapsed };
}
