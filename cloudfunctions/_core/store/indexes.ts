/**
 * Declared indexes, the single source for both adapters: the embedded store turns them into
 * SQLite expression indexes (and pushes matching filter conditions to SQL); for CloudBase they
 * document what must be created in the console / by the deploy script.
 *
 * Indexed fields must hold scalars (string, number, boolean, null) or be absent: the embedded
 * store enforces this on every write, because it is what makes pushing `{field: value}` to SQL
 * equivalent to Mongo's semantics (which would also match arrays containing the value).
 */

export interface IndexSpec {
  collection: string;
  fields: Array<[field: string, direction: 1 | -1]>;
  unique?: boolean;
  name?: string;
}

export const INDEXES: IndexSpec[] = [
  // The subscription-message sender takes the oldest pending rows.
  {
    collection: 'outbox',
    fields: [
      ['status', 1],
      ['createdAt', 1],
    ],
  },
  // The sender finds a person's openid (identities are keyed by openid).
  { collection: 'identities', fields: [['userId', 1]] },
  // The audit trail a community's staff browse, newest first.
  {
    collection: 'audit',
    fields: [
      ['communityId', 1],
      ['at', -1],
    ],
  },
  // The message centre: a person's messages, newest first.
  {
    collection: 'messages',
    fields: [
      ['userId', 1],
      ['createdAt', -1],
    ],
  },
  { collection: 'users', fields: [['communityId', 1]] },
  // reports: queues (community + status), my reports, grid duplicates, the SLA sweep, timelines.
  { collection: 'grids', fields: [['communityId', 1]] },
  {
    collection: 'reports',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'reports',
    fields: [
      ['reporterUserId', 1],
      ['createdAt', -1],
    ],
  },
  {
    collection: 'reports',
    fields: [
      ['gridId', 1],
      ['category', 1],
      ['createdAt', -1],
    ],
  },
  // Queues page in deadline order: walking this index stops at the page instead of sorting a community.
  {
    collection: 'reports',
    fields: [
      ['communityId', 1],
      ['dueAt', 1],
      ['createdAt', 1],
    ],
  },
  { collection: 'reports', fields: [['escalateAt', 1]] },
  // admin figures (issue 7): a period's reports per community, street (communityId $in) or city,
  // and a grid worker's reports for the evaluation.
  {
    collection: 'reports',
    fields: [
      ['communityId', 1],
      ['createdAt', 1],
    ],
  },
  { collection: 'reports', fields: [['createdAt', 1]] },
  // The figures count a period's reports per status and per category: with the status (category)
  // ahead of the period, each count reads only its own rows, not every report of the period
  // (measured on 100,000 reports: see README Performance).
  {
    collection: 'reports',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['createdAt', 1],
    ],
  },
  {
    collection: 'reports',
    fields: [
      ['communityId', 1],
      ['category', 1],
      ['createdAt', 1],
    ],
  },
  {
    collection: 'reports',
    fields: [
      ['assigneeUserId', 1],
      ['createdAt', 1],
    ],
  },
  { collection: 'communities', fields: [['streetId', 1]] },
  {
    collection: 'report_events',
    fields: [
      ['reportId', 1],
      ['seq', 1],
    ],
  },
  { collection: 'report_categories', fields: [['communityId', 1]] },
  { collection: 'report_followers', fields: [['reportId', 1]] },
  // 工单编号 search (staff take a case number over the phone): unique within a community.
  {
    collection: 'reports',
    fields: [
      ['communityId', 1],
      ['caseNo', 1],
    ],
    unique: true,
  },
  // deliberation: every list and count filters by community (and the person for read markers).
  {
    collection: 'meetings',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  { collection: 'meetingRegistrations', fields: [['meetingId', 1]] },
  {
    collection: 'noticeReads',
    fields: [
      ['userId', 1],
      ['communityId', 1],
    ],
  },
  {
    collection: 'topics',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'topics',
    fields: [
      ['authorUserId', 1],
      ['status', 1],
    ],
  },
  { collection: 'topicSupports', fields: [['userId', 1]] },
  { collection: 'procedures', fields: [['communityId', 1]] },
  {
    collection: 'disclosures',
    fields: [
      ['communityId', 1],
      ['category', 1],
    ],
  },
  {
    collection: 'opinions',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  // ledger (GC and TP): an account's history; reconciliation pages by currency.
  {
    collection: 'ledger_entries',
    fields: [
      ['accountId', 1],
      ['seq', -1],
    ],
  },
  { collection: 'ledger_entries', fields: [['currency', 1]] },
  {
    collection: 'ledger_holds',
    fields: [
      ['currency', 1],
      ['status', 1],
    ],
  },
  { collection: 'ledger_accounts', fields: [['currency', 1]] },
  // greencoin: queues per community and status, my redemptions, pickup by code, the expiry sweep.
  {
    collection: 'gc_redemptions',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'gc_redemptions',
    fields: [
      ['userId', 1],
      ['createdAt', -1],
    ],
  },
  { collection: 'gc_redemptions', fields: [['pickupCode', 1]] },
  {
    collection: 'gc_redemptions',
    fields: [
      ['status', 1],
      ['expiresAt', 1],
    ],
  },
  {
    collection: 'gc_awards',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  { collection: 'gc_goods', fields: [['communityId', 1]] },
  {
    collection: 'gc_stock_moves',
    fields: [
      ['goodsId', 1],
      ['seq', 1],
    ],
  },
  // timebank: a community's activities by end time, roster by status, attendance per activity,
  // my sign-ups and service requests, the service queue.
  {
    collection: 'tb_activities',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['endsAt', 1],
    ],
  },
  {
    collection: 'tb_volunteers',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  // The reminder sweep: published activities starting soon, across communities.
  {
    collection: 'tb_activities',
    fields: [
      ['status', 1],
      ['startsAt', 1],
    ],
  },
  { collection: 'tb_signups', fields: [['activityId', 1]] },
  // Staff's dispute queue, oldest open first.
  {
    collection: 'tb_disputes',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['createdAt', 1],
    ],
  },
  {
    collection: 'tb_signups',
    fields: [
      ['userId', 1],
      ['createdAt', -1],
    ],
  },
  { collection: 'tb_services', fields: [['communityId', 1]] },
  {
    collection: 'tb_service_requests',
    fields: [
      ['communityId', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'tb_service_requests',
    fields: [
      ['userId', 1],
      ['createdAt', -1],
    ],
  },
  // 代办: the grants a resident gave, the grants a helper holds, a resident's 代办记录 newest first.
  { collection: 'proxy_grants', fields: [['principalUserId', 1]] },
  { collection: 'proxy_grants', fields: [['agentUserId', 1]] },
  {
    collection: 'proxy_actions',
    fields: [
      ['principalUserId', 1],
      ['at', -1],
    ],
  },
  // 平安细胞 (issue 7): the staff queue per community and status, my applications, the counts on
  // the figures per type and status (community or grid), a unit's scorecards; evidence reads a
  // person's green-coin awards of the last year.
  {
    collection: 'safety_units',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['appliedAt', 1],
    ],
  },
  {
    collection: 'safety_units',
    fields: [
      ['applicantUserId', 1],
      ['appliedAt', -1],
    ],
  },
  {
    collection: 'safety_units',
    fields: [
      ['communityId', 1],
      ['type', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'safety_units',
    fields: [
      ['gridId', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'safety_scorecards',
    fields: [
      ['unitId', 1],
      ['evaluatedAt', -1],
    ],
  },
  {
    collection: 'gc_awards',
    fields: [
      ['userId', 1],
      ['createdAt', 1],
    ],
  },
  // Grid-worker assignments (专职 / 兼职 / 流动) listed per community on the management page.
  { collection: 'gridworker_assignments', fields: [['communityId', 1]] },
];

/**
 * Collections expected to grow large: tests assert that queries against them never fully scan
 * (see `stats().fullScans` of the embedded store).
 */
export const LARGE_COLLECTIONS: string[] = ['reports', 'report_events'];
