import { SYSTEM_CALLER } from './callers';
import type { FunctionDef } from './define';
import { type CallDeps, dispatch } from './dispatch';
import type { Envelope } from './envelope';

/** Supplies store, files, clock and caller for one invocation. */
export interface Runtime {
  depsFor(context: unknown): Promise<CallDeps>;
}

let installed: Runtime | undefined;
let loadDefault: (() => Runtime) | undefined;

/** The local runtime and tests install theirs; deployed functions fall back to CloudBase. */
export function installRuntime(runtime: Runtime | undefined): void {
  installed = runtime;
}

/** Registered by the CloudBase entry so that the local runtime never loads the cloud SDK by accident. */
export function setDefaultRuntime(factory: () => Runtime): void {
  loadDefault = factory;
}

function currentRuntime(): Runtime {
  if (installed) return installed;
  if (!loadDefault) throw new Error('no runtime installed');
  installed = loadDefault();
  return installed;
}

export type Main = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>;

export interface MainOptions {
  /** The action a timer trigger (CloudBase cron, the local scheduler) runs, as the system caller. */
  timer?: { action: string; payload?: Record<string, unknown> };
}

/** CloudBase timer triggers call with `{Type: 'Timer', TriggerName, Time}` and no user context. */
export function isTimerEvent(event: unknown): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof (event as { Type?: unknown }).Type === 'string' &&
    (event as { Type: string }).Type.toLowerCase() === 'timer'
  );
}

/** The `exports.main(event, context)` of a cloud function: a thin router into the function's actions. */
export function createMain(fn: FunctionDef, options: MainOptions = {}): Main {
  return async (event, context) => {
    const deps = await currentRuntime().depsFor(context);
    const timer = options.timer;
    // Only a call without a person behind it may act as the system: a signed-in client sending a
    // timer-shaped event is treated as an ordinary (and invalid) request.
    if (timer && isTimerEvent(event) && (await deps.resolveCaller()) === null) {
      return dispatch(
        fn,
        { action: timer.action, payload: timer.payload ?? {} },
        { ...deps, resolveCaller: async () => SYSTEM_CALLER },
      );
    }
    return dispatch(fn, event, deps);
  };
}
