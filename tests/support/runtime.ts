import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import type { ActionInput, ActionName, ActionOutput, Envelope, FunctionName } from '../../cloudfunctions/api';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';

export interface Session {
  /** The raw envelope, for asserting error codes. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    payload: ActionInput<F, A> | Record<string, unknown>,
  ): Promise<Envelope<ActionOutput<F, A>>>;
  /** The data of a call that must succeed; throws with the code and message otherwise. */
  ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    payload: ActionInput<F, A>,
  ): Promise<ActionOutput<F, A>>;
}

export interface TestRuntime {
  runtime: LocalRuntime;
  clock: ManualClock;
  /** A session for a persona (or any openid; unknown ones become fresh users), null for no caller. */
  as(openid: string | null): Session;
  close(): Promise<void>;
}

/** The real runtime (real handlers, real embedded store in memory), seeded, with a controllable clock. */
export async function startTestRuntime(options: { seed?: boolean; dataDir?: string } = {}): Promise<TestRuntime> {
  const clock = new ManualClock();
  const runtime = await createLocalRuntime({ dataDir: options.dataDir ?? ':memory:', clock, seed: options.seed });
  const as = (openid: string | null): Session => ({
    call: (fn, action, payload) => runtime.invoke(fn, { action, payload }, openid) as never,
    async ok(fn, action, payload) {
      const result = await runtime.invoke(fn, { action, payload }, openid);
      if (!result.ok)
        throw new Error(`${fn}.${String(action)} as ${openid}: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
  });
  return { runtime, clock, as, close: () => runtime.close() };
}
