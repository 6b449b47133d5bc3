/**
 * The typed API the mini-program calls. Type-only: the client imports nothing from here at runtime,
 * so zod and the handlers stay out of the bundle.
 */
import type { InputOf, OutputOf } from './_core/runtime/define';
import type { admin } from './admin/definition';
import type { deliberation } from './deliberation/definition';
import type { greencoin } from './greencoin/definition';
import type { identity } from './identity/definition';
import type { inbox } from './inbox/definition';
import type { reports } from './reports/definition';
import type { safety } from './safety/definition';
import type { sages } from './sages/definition';
import type { services } from './services/definition';
import type { timebank } from './timebank/definition';
import type { tips } from './tips/definition';

export interface FunctionActions {
  identity: (typeof identity)['actions'];
  inbox: (typeof inbox)['actions'];
  admin: (typeof admin)['actions'];
  reports: (typeof reports)['actions'];
  deliberation: (typeof deliberation)['actions'];
  greencoin: (typeof greencoin)['actions'];
  timebank: (typeof timebank)['actions'];
  safety: (typeof safety)['actions'];
  services: (typeof services)['actions'];
  tips: (typeof tips)['actions'];
  sages: (typeof sages)['actions'];
}

export type FunctionName = keyof FunctionActions;
export type ActionName<F extends FunctionName> = keyof FunctionActions[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = InputOf<FunctionActions[F][A]>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<FunctionActions[F][A]>;
export type { Envelope } from './_core/runtime/envelope';
export type { ErrorCode } from './_core/runtime/errors';
