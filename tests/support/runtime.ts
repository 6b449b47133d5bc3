import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { withInjectedConflicts } from '../../cloudfunctions/_core/store/conflicts';
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

/**
 * `GONGZHI_INJECT_CONFLICTS=1` (the second pass of `npm test`): every transaction a handler runs
 * fails once with DATABASE_TRANSACTION_CONFLICT at commit, after all its writes, so each suite's
 * assertions also prove that every transaction it reaches rolls back and retries cleanly.
 */
export const INJECTING_CONFLICTS = process.env.GONGZHI_INJECT_CONFLICTS === '1';

/** Where the conflict pass leaves the actions whose transactions it failed and retried. */
export const CONFLICT_PASS_DIR = path.resolve('.build/conflict-pass');

const currentAction = new AsyncLocalStorage<string>();

/** The real runtime (real handlers, real embedded store in memory), seeded, with a controllable clock. */
export async function startTestRuntime(options: { seed?: boolean; dataDir?: string } = {}): Promise<TestRuntime> {
  const clock = new ManualClock();
  const retried = new Set<string>();
  const runtime = await createLocalRuntime({
    dataDir: options.dataDir ?? ':memory:',
    clock,
    seed: options.seed,
    wrapStore: INJECTING_CONFLICTS
      ? (store) =>
          withInjectedConflicts(store, {
            everyNth: 1,
            maxPerTransaction: 1,
            atCommitAfterWrites: true,
            onInject: () => retried.add(currentAction.getStore() ?? '(outside an action)'),
          })
      : undefined,
  });
  const invoke = (fn: string, action: string, payload: unknown, openid: string | null) =>
    currentAction.run(`${fn}.${action}`, () => runtime.invoke(fn, { action, payload }, openid));
  const as = (openid: string | null): Session => ({
    call: (fn, action, payload) => invoke(fn, action, payload, openid) as never,
    async ok(fn, action, payload) {
      const result = await invoke(fn, action, payload, openid);
      if (!result.ok)
        throw new Error(`${fn}.${String(action)} as ${openid}: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
  });
  const close = async () => {
    if (retried.size > 0) {
      mkdirSync(CONFLICT_PASS_DIR, { recursive: true });
      const file = path.join(
        CONFLICT_PASS_DIR,
        `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
      );
      writeFileSync(file, JSON.stringify([...retried]));
    }
    await runtime.close();
  };
  return { runtime, clock, as, close };
}
