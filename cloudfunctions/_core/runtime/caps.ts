import { type DocStore, StoreError, type TxStore } from '../store/docstore';
import { AppError } from './errors';

/**
 * A person's cap on open items (topics waiting for an answer, applications in progress, proxy
 * grants a day). The count needs a query, and CloudBase has no queries inside a transaction, so
 * counting first and inserting after let parallel requests all see "under the cap" (20 topics at
 * once against a cap of 5 all went in). Here every insert under a cap also bumps the person's
 * cap record in its transaction, and commits only if the record is as it was when counting began:
 * a parallel insert in between makes the count stale, and it is taken again.
 */
export const CAP_COLLECTION = 'person_caps';

export interface CapDoc {
  _id: string;
  /** Inserts made under this cap so far: the version a count was taken at. */
  seq: number;
}

class StaleCount extends Error {}

/** Counts that may be retaken before giving up: each retry means another insert won meanwhile. */
const MAX_RECOUNTS = 8;

export interface Cap {
  /** `<kind>:<userId>`: one record per person and kind of cap. */
  id: string;
  limit: number;
  count: () => Promise<number>;
  /** The refusal when the cap is reached (RATE_LIMITED with the rule in Chinese). */
  refusal: () => AppError;
}

/**
 * Runs `insert` under the cap. `insert` must call `claim(tx)` inside the transaction that writes
 * the new item (directly, or inside `idempotent`'s body).
 */
export async function underCap<R>(
  store: DocStore,
  cap: Cap,
  insert: (claim: (tx: TxStore) => Promise<void>) => Promise<R>,
): Promise<R> {
  for (let n = 0; n < MAX_RECOUNTS; n += 1) {
    const seen = (await store.get<CapDoc>(CAP_COLLECTION, cap.id))?.seq ?? 0;
    if ((await cap.count()) >= cap.limit) throw cap.refusal();
    const claim = async (tx: TxStore) => {
      const current = await tx.get<CapDoc>(CAP_COLLECTION, cap.id);
      if ((current?.seq ?? 0) !== seen) throw new StaleCount();
      if (current) await tx.updateById(CAP_COLLECTION, cap.id, { $inc: { seq: 1 } });
      else await tx.insert<CapDoc>(CAP_COLLECTION, { _id: cap.id, seq: 1 });
    };
    try {
      return await insert(claim);
    } catch (error) {
      // Stale, or two first inserts of the cap record colliding: count again.
      const lost = error instanceof StoreError && error.code === 'DUPLICATE_KEY';
      if (!(error instanceof StaleCount) && !lost) throw error;
    }
  }
  throw new AppError('CONFLICT', '操作冲突，请稍后重试');
}
