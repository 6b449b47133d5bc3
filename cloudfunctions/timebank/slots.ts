/**
 * An activity's places as slot documents (issue 17). Sign-ups of different people take different
 * slots, so on CloudBase (snapshot isolation, first committer wins) they write no common document;
 * two people probing the same slot insert the same id and only one commits, so capacity can never be
 * exceeded — a count checked by a query could be (two transactions each count 9 of 10 and both insert).
 */
import { shardOf } from '../_core/domain/reports/figures';
import { type ActivityDoc, type SlotDoc, slotId, TB_COLLECTIONS } from '../_core/domain/timebank';
import type { DocStore, TxStore } from '../_core/store/docstore';

/** Slots tried inside one transaction before the taken set is read again. */
const PROBES = 8;

/** Holder of a sealed slot: a cancelled activity closes its free places so no late sign-up slips in. */
export const SEALED = '';

/** Thrown inside a transaction when what was read before it no longer holds: read again, retry. */
export class StalePlaces extends Error {}

export interface PlacesSeen {
  /** `activity.released` when the slots were read: a change means a place was freed since. */
  released: number;
  taken: Set<number>;
  /** Slot → holder, as read. */
  holders: Map<number, string>;
}

/** Reads the taken slots outside any transaction (bounded: at most `slots` ≤ 500 documents). */
export async function readPlaces(store: DocStore, activityId: string): Promise<PlacesSeen | null> {
  // The activity first: a place freed after this read bumps `released`, which the transaction sees.
  const activity = await store.get<ActivityDoc>(TB_COLLECTIONS.activities, activityId);
  if (!activity) return null;
  const docs = await store.find<SlotDoc>(
    TB_COLLECTIONS.slots,
    { activityId },
    { orderBy: [['_id', 'asc']], limit: Math.min(1000, Math.max(1, activity.slots)) },
  );
  return {
    released: activity.released ?? 0,
    taken: new Set(docs.map((d) => d.slot)),
    holders: new Map(docs.map((d) => [d.slot, d.userId])),
  };
}

/**
 * Takes a free slot for `userId` inside the sign-up's transaction: the first probe comes from a
 * hash of the user id over the slots seen free (so a crowd spreads over the places), then the next
 * free ones. Returns null when every place was seen taken (the caller puts the person on the
 * waiting list, checking `released`); throws StalePlaces when the probed ones were all taken since.
 */
export async function takeSlot(
  tx: TxStore,
  activity: ActivityDoc,
  userId: string,
  seen: PlacesSeen,
  at: string,
): Promise<number | null> {
  const open: number[] = [];
  for (let k = 0; k < activity.slots; k += 1) if (!seen.taken.has(k)) open.push(k);
  if (open.length === 0) return null;
  // The first probe is a hash of the user id over the places seen free, not over all places: linear
  // probing from a taken place would send everyone whose hash falls in a taken run to the same one.
  const start = shardOf(userId, open.length);
  const free = Array.from(
    { length: Math.min(PROBES, open.length) },
    (_, i) => open[(start + i) % open.length] as number,
  );
  for (const k of free) {
    // A rerun after a conflict starts from a newer snapshot and skips the slot someone just took.
    if (await tx.get<SlotDoc>(TB_COLLECTIONS.slots, slotId(activity._id, k))) continue;
    await tx.insert<SlotDoc>(TB_COLLECTIONS.slots, {
      _id: slotId(activity._id, k),
      activityId: activity._id,
      communityId: activity.communityId,
      slot: k,
      userId,
      at,
    });
    return k;
  }
  throw new StalePlaces();
}

/** Places taken per activity, one indexed count each (list pages are ≤ 50 activities). */
export async function placesTaken(store: DocStore, activityIds: readonly string[]): Promise<Map<string, number>> {
  const counts = await Promise.all(
    activityIds.map((activityId) => store.count(TB_COLLECTIONS.slots, { activityId, userId: { $ne: SEALED } })),
  );
  return new Map(activityIds.map((id, i) => [id, counts[i] ?? 0]));
}
