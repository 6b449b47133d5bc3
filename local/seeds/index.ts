import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';
import { seedCare } from './care';
import { seedDeliberation } from './deliberation';
import { seedGreencoin } from './greencoin';
import { seedPlaces } from './places';
import { seedReports } from './reports';
import { seedSafety } from './safety';
import { seedSages } from './sages';
import { seedServices } from './services';
import { seedTimebank } from './timebank';
import { seedTips } from './tips';

/** Seeds one bounded context's demo data, after the places and personas exist. */
export type ContextSeed = (store: DocStore, clock: Clock) => Promise<void>;

/** Each context appends its own seed (local/seeds/<context>.ts) here. */
export const CONTEXT_SEEDS: ContextSeed[] = [
  seedGreencoin,
  seedDeliberation,
  seedReports,
  seedTimebank,
  seedSafety,
  seedCare,
  seedPlaces,
  seedServices,
  seedTips,
  seedSages,
];
