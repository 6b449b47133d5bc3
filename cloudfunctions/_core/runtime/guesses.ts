import { AUDIT_COLLECTION, auditEntry } from '../domain/audit';
import { chinaMinuteText } from '../domain/reports/sla';
import { type DocStore, StoreError } from '../store/docstore';
import { AppError, WrongCodeError } from './errors';

/**
 * A guess at a secret code (check-in codes), counted BEFORE the code is compared. Counting after a
 * wrong answer (the refusal rolls its transaction back, so the count is written outside it) lets
 * parallel requests all read "fewer than five wrong" and all be compared: a six-digit code falls to
 * a client firing guesses at once. So a guess first takes a slot with one atomic conditional
 * update (`reserve`: true when the count was below the cap and is now one higher); a wrong code
 * keeps the slot, any other outcome (right code, closed window, unknown record) gives it back.
 *
 * `attempt(mayCompare)` runs the check; with `mayCompare` false (no slot left) it must refuse
 * without comparing the code, after its other checks, so the person reads why.
 */
export async function guessOnce<R>(
  slot: { reserve: () => Promise<boolean>; release: () => Promise<unknown> },
  attempt: (mayCompare: boolean) => Promise<R>,
): Promise<R> {
  const reserved = await slot.reserve();
  try {
    const result = await attempt(reserved);
    if (reserved) await slot.release();
    return result;
  } catch (error) {
    if (reserved && !(error instanceof WrongCodeError)) await slot.release();
    throw error;
  }
}

/**
 * Wrong guesses at a code a person has no slot-bearing record of their own for (pickup codes staff
 * type at the counter), counted per key in a window: `code_guesses` holds one record per key.
 */
export const GUESS_COLLECTION = 'code_guesses';

export interface GuessDoc {
  /** `<kind>:<who>:<what>`, e.g. `redeem:<staffId>:<redemptionId>`, `redeem:*:<redemptionId>` (all staff). */
  _id: string;
  /** Wrong guesses since `since` (slots taken, a right guess gives its slot back). */
  wrong: number;
  /** When the window began: the first wrong guess after the previous window ended. */
  since: string;
}

export interface GuessCap {
  id: string;
  /** Wrong guesses allowed in one window. */
  limit: number;
  windowMs: number;
}

/**
 * Takes one slot of `cap` at `now` with conditional updates only (parallel requests cannot all
 * see room): a first record, a count still under the limit in the current window, or a window
 * that has ended (started again at one). False when the cap is full until the window ends.
 */
async function reserveSlot(store: DocStore, cap: GuessCap, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const windowOpen = new Date(now.getTime() - cap.windowMs).toISOString();
  try {
    await store.insert<GuessDoc>(GUESS_COLLECTION, { _id: cap.id, wrong: 1, since: at });
    return true;
  } catch (error) {
    if (!(error instanceof StoreError && error.code === 'DUPLICATE_KEY')) throw error;
  }
  // Twice: a parallel request may restart an ended window between our two updates.
  for (let n = 0; n < 2; n += 1) {
    const inWindow = { _id: cap.id, wrong: { $lt: cap.limit }, since: { $gt: windowOpen } };
    if ((await store.updateWhere(GUESS_COLLECTION, inWindow, { $inc: { wrong: 1 } })) > 0) return true;
    const ended = { _id: cap.id, since: { $lte: windowOpen } };
    if ((await store.updateWhere(GUESS_COLLECTION, ended, { $set: { wrong: 1, since: at } })) > 0) return true;
  }
  return false;
}

const releaseSlot = (store: DocStore, cap: GuessCap) =>
  store.updateWhere(GUESS_COLLECTION, { _id: cap.id, wrong: { $gt: 0 } }, { $inc: { wrong: -1 } });

/** When a full cap's window ends. */
async function windowEnd(store: DocStore, cap: GuessCap): Promise<Date> {
  const doc = await store.get<GuessDoc>(GUESS_COLLECTION, cap.id);
  return new Date((doc ? Date.parse(doc.since) : 0) + cap.windowMs);
}

export interface CappedGuess<R> {
  caps: readonly GuessCap[];
  /** The refusal once a cap is full: RATE_LIMITED saying when to try again. */
  refusal: (retryAt: Date) => AppError;
  /** Compares the code; throws WrongCodeError for a wrong one (its slots are kept). */
  attempt: () => Promise<R>;
  /** Called once for each cap a wrong guess has just filled (to audit the lockout). */
  locked?: (cap: GuessCap, until: Date) => Promise<void>;
}

/**
 * A guess counted against every cap BEFORE the code is compared (guessOnce's rule, for codes with
 * no record of the guesser's own). A full cap refuses without comparing and, its other slots given
 * back, leaves the counts as they were.
 */
export async function guessUnderCaps<R>(store: DocStore, now: Date, guess: CappedGuess<R>): Promise<R> {
  const taken: GuessCap[] = [];
  for (const cap of guess.caps) {
    if (!(await reserveSlot(store, cap, now))) {
      for (const held of taken) await releaseSlot(store, held);
      throw guess.refusal(await windowEnd(store, cap));
    }
    taken.push(cap);
  }
  return guessOnce(
    {
      reserve: async () => true,
      release: () => Promise.all(taken.map((cap) => releaseSlot(store, cap))),
    },
    async () => {
      try {
        return await guess.attempt();
      } catch (error) {
        if (error instanceof WrongCodeError && guess.locked) await reportFull(store, taken, guess.locked);
        throw error;
      }
    },
  );
}

async function reportFull(store: DocStore, caps: GuessCap[], locked: (cap: GuessCap, until: Date) => Promise<void>) {
  for (const cap of caps) {
    const doc = await store.get<GuessDoc>(GUESS_COLLECTION, cap.id);
    if (doc && doc.wrong >= cap.limit) await locked(cap, new Date(Date.parse(doc.since) + cap.windowMs));
  }
}

/**
 * The audit entry of a lockout, once per cap and window however many parallel wrong guesses saw
 * the cap full (its id is the cap's and the window's): who was locked out of what, until when.
 */
async function auditLockout(
  store: DocStore,
  actorUserId: string,
  entry: { action: string; communityId: string | null; target: { collection: string; id: string }; at: Date },
  cap: GuessCap,
  until: Date,
): Promise<void> {
  try {
    await store.insert(
      AUDIT_COLLECTION,
      auditEntry({
        id: `lock:${cap.id}:${until.toISOString()}`,
        at: entry.at.toISOString(),
        actorUserId,
        action: entry.action,
        communityId: entry.communityId,
        target: entry.target,
        details: { limit: cap.limit, windowMinutes: Math.round(cap.windowMs / 60_000), until: until.toISOString() },
      }),
    );
  } catch (error) {
    if (!(error instanceof StoreError && error.code === 'DUPLICATE_KEY')) throw error;
  }
}

/**
 * Pickup codes (six digits, typed by staff at the counter): a staff member may type 5 wrong codes
 * for one request and all staff together 10 in half an hour; typing the code alone (no request
 * scanned) searches all of a community's open requests, so a staff member gets 10 misses there.
 * A counter mistypes a code now and then, never dozens in half an hour.
 */
export const PICKUP_GUESSES = { perStaff: 5, perRequest: 10, perLookup: 10, windowMs: 30 * 60_000 } as const;

/** The caps of one pickup-code guess: for a named request, or a lookup in a community by code alone. */
function pickupCaps(
  kind: 'redeem' | 'collect',
  staffId: string,
  target: { requestId: string } | { communityId: string },
): GuessCap[] {
  const windowMs = PICKUP_GUESSES.windowMs;
  if ('requestId' in target) {
    return [
      { id: `${kind}:${staffId}:${target.requestId}`, limit: PICKUP_GUESSES.perStaff, windowMs },
      { id: `${kind}:*:${target.requestId}`, limit: PICKUP_GUESSES.perRequest, windowMs },
    ];
  }
  return [{ id: `${kind}-lookup:${staffId}:${target.communityId}`, limit: PICKUP_GUESSES.perLookup, windowMs }];
}

const pickupRefusal = (retryAt: Date) =>
  new AppError('RATE_LIMITED', `领取码错误次数过多，请于 ${chinaMinuteText(retryAt)} 后再试，或请居民出示兑换单核对`);

/** What one pickup-code guess is about: the caps' scope and what a lockout's audit entry names. */
export interface PickupGuess {
  kind: 'redeem' | 'collect';
  staffId: string;
  on: { requestId: string } | { communityId: string };
  /** The audit entry of a lockout: its action, community and target. */
  lockout: { action: string; communityId: string; target: { collection: string; id: string } };
}

/** A pickup-code guess under its caps (pickupCaps), refused in words and its lockout audited once. */
export function guessPickupCode<R>(store: DocStore, now: Date, pickup: PickupGuess, attempt: () => Promise<R>) {
  return guessUnderCaps(store, now, {
    caps: pickupCaps(pickup.kind, pickup.staffId, pickup.on),
    refusal: pickupRefusal,
    attempt,
    locked: (cap, until) => auditLockout(store, pickup.staffId, { ...pickup.lockout, at: now }, cap, until),
  });
}
