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

/** The `exports.main(event, context)` of a cloud function: a thin router into the function's actions. */
export function createMain(fn: FunctionDef): Main {
  return async (event, context) => dispatch(fn, event, await currentRuntime().depsFor(context));
}
