import type { FunctionDef } from './_core/runtime/define';
import { admin } from './admin/definition';
import { deliberation } from './deliberation/definition';
import { greencoin } from './greencoin/definition';
import { identity } from './identity/definition';
import { inbox } from './inbox/definition';
import { reports } from './reports/definition';
import { safety } from './safety/definition';
import { sages } from './sages/definition';
import { services } from './services/definition';
import { timebank } from './timebank/definition';
import { tips } from './tips/definition';

/** Every cloud function's definition: the catalogue, the local gateway and the suites read this list. */
export const FUNCTION_DEFINITIONS = [
  identity,
  inbox,
  admin,
  deliberation,
  reports,
  greencoin,
  timebank,
  safety,
  services,
  tips,
  sages,
] as const satisfies readonly FunctionDef[];
