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

/** CloudBase timer triggers call with `{Type: 'Timer', TriggerName, Time}`: a shape anyone can send. */
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
    // The system acts only when the runtime saw the platform's trigger in the invocation context;
    // the event's body is the client's to choose, so a timer-shaped body alone is refused.
    if (timer && deps.trigger === 'timer') {
      return dispatch(
        fn,
        { action: timer.action, payload: timer.payload ?? {} },
        { ...deps, resolveCaller: async () => SYSTEM_CALLER },
      );
    }
    // Anything else is a client request, timer-shaped or not (it fails validation: no action).
    return dispatch(fn, event, { ...deps, trigger: undefined });
  };
}

/**
 * Whether CloudBase invoked the function from its timer trigger: the context's SOURCE is exactly
 * `wx_trigger` (a chain such as `wx_client,scf` or `wx_trigger,scf` is some other caller) and no
 * user identity came with it.
 */
export function isPlatformTimer(source: string | undefined, openid: string | undefined | null): boolean {
  return source === 'wx_trigger' && !openid;
}
