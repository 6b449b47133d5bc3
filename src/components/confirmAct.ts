import { type ConfirmOptions, confirm } from './confirm';
import { act } from './ui';

/**
 * Asks first, then runs the call and toasts how it went: the step behind every irreversible
 * button. True only when the person confirmed and the call succeeded (the caller then reloads).
 */
export async function confirmAct(options: ConfirmOptions, run: () => Promise<unknown>, done: string): Promise<boolean> {
  return (await confirm(options)) && act(run, done);
}
