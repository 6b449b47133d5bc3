/**
 * Expiry of unapproved redemption requests. Run by `redeem.expire` (staff), by the local
 * runtime's timer, and by the CloudBase timer trigger (see index.ts and config.json).
 * Each request expires in its own transaction, with the state checked inside it, so a sweep
 * racing an approval or a second sweep never resolves a request twice.
 */
import { GC_COLLECTIONS, type RedemptionDoc } from '../_core/domain/greencoin';
import { SYSTEM_CALLER } from '../_core/runtime/callers';
import type { ActionContext } from '../_core/runtime/define';
import { AppError } from '../_core/runtime/errors';
import type { Caller } from '../_core/runtime/roles';
import { newTransitionIds, releaseRedemption } from './core';

export async function sweepExpired(
  deps: Pick<ActionContext, 'store' | 'clock' | 'newId'> & { caller?: Caller },
  options: { communityId?: string; max?: number } = {},
): Promise<{ expired: number }> {
  const now = deps.clock.now();
  const filter: Record<string, unknown> = { status: 'requested', expiresAt: { $lte: now.toISOString() } };
  if (options.communityId) filter.communityId = options.communityId;
  const due = await deps.store.find<RedemptionDoc>(GC_COLLECTIONS.redemptions, filter, {
    orderBy: [['expiresAt', 'asc']],
    limit: Math.min(options.max ?? 200, 1000),
  });
  let expired = 0;
  for (const doc of due) {
    const ids = newTransitionIds(deps.newId);
    try {
      await deps.store.runTransaction((tx) =>
        releaseRedemption(tx, {
          redemptionId: doc._id,
          action: 'expire',
          actor: deps.caller ?? SYSTEM_CALLER,
          reason: '超时未审核',
          at: now,
          ids,
          authorize: () => undefined,
        }),
      );
      expired += 1;
    } catch (error) {
      // Approved, rejected or cancelled meanwhile: nothing to do for this one.
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
  return { expired };
}
