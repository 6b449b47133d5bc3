import type { ReportStatus } from './types';

/**
 * 举报奖励: what staff pay a reporter for a report verified valuable. One place for the amount and
 * the states, read by reports.reward, the detail view's `canReward` and the detail page's words.
 */

/** Green coins when staff do not name an amount. */
export const DEFAULT_REPORT_REWARD = 5;

/** Only reports someone has taken up can be judged valuable; not ones refused or withdrawn. */
export const REWARDABLE_STATUSES: readonly ReportStatus[] = [
  'accepted',
  'in_progress',
  'suspended',
  'resolved',
  'rework',
  'closed',
];
