import { WrongCodeError } from './errors';

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
