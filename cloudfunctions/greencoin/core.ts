/**
 * Shared pieces of the greencoin function, gathered for its actions: scoping (decisions in
 * `_core/redemption/access`, mapped at the edge), audit, messages, stats counters, and the goods
 * configuration of the one redemption workflow (lib/redemption.ts), which the expiry sweep and
 * erasure (identity/lib/erase.ts) use too.
 */
import { bumpGreencoinStats } from '../_core/ledger/gcstats';
import { homeCommunity } from '../_core/redemption/access';
import { deliverMessage } from '../_core/runtime/deliver';

export { canManage, requireManage, staffCommunity } from '../_core/redemption/access';
export { FN, writeAudit } from './lib/audit';
export {
  approveRedemption,
  GOODS,
  newTransitionIds,
  type RedemptionView,
  redemptionView,
  releaseRedemption,
  returnApprovedRedemption,
  returnToStock,
  type TransitionIds,
} from './lib/redemption';

/** The resident's home community, where their coins are spent. */
export const residentCommunity = homeCommunity;

/** Public monthly totals: shared with report rewards (see _core/ledger/gcstats.ts). */
export const bumpStats = bumpGreencoinStats;

/** Tells a person something, in the caller's transaction. */
export const notify = deliverMessage;
