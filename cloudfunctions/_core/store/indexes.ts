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
  // Green-coin monthly totals, sharded (issue 19): a community's (or every community's) months.
  {
    collection: 'gc_stats',
    fields: [
      ['communityId', 1],
      ['month', 1],
    ],
  },
  { collection: 'gc_stats', fields: [['month', 1]] },
  // Report counters per (grid, day, shard), issue 19: a grid's, a community's or the city's days.
  // Every read of them is a keyset walk (_id after the last page, ordered by _id), so each index
  // is equality fields, then _id, then the day range (MongoDB's equality-sort-range order): a page
  // continues along the index from the cursor. Indexed by (scope, day) instead, every page re-read
  // and re-sorted every counter of the range, quadratic in the counters (the lead's bench: 6 s for
  // one community's year at 100k reports; tests/store/embedded-paging.test.ts holds the plan).
  {
    collection: 'report_figures',
    fields: [
      ['gridId', 1],
      ['_id', 1],
      ['day', 1],
    ],
  },
  {
    collection: 'report_figures',
    fields: [
      ['communityId', 1],
      ['_id', 1],
      ['day', 1],
    ],
  },
  { collection: 'report_figures', fields: [['day', 1]] },
  // The rollups (issue 19): the fold's dirty counters of finished days, a scope's still-dirty
  // counters of a period (same order: equality, _id, range), and the (holder, month/day) snapshots.
  {
    collection: 'report_figures',
    fields: [
      ['dirty', 1],
      ['_id', 1],
      ['day', 1],
    ],
  },
  {
    collection: 'report_figures',
    fields: [
      ['communityId', 1],
      ['dirty', 1],
      ['_id', 1],
      ['day', 1],
    ],
  },
  {
    collection: 'report_figures',
    fields: [
      ['gridId', 1],
      ['dirty', 1],
      ['_id', 1],
      ['day', 1],
    ],
  },
  // A holder's (grid, community, street or city) month snapshots of a year, day snapshots of a cut month.
  {
    collection: 'report_rollups',
    fields: [
      ['level', 1],
      ['holder', 1],
      ['kind', 1],
      ['period', 1],
    ],
  },
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
  // Waiting opinions by their answer-by date (the staff list and the workbench).
  {
    collection: 'opinions',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['answerBy', 1],
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
  // Hold records are append-only (open + resolution): reconciliation sums them by currency.
  { collection: 'ledger_holds', fields: [['currency', 1]] },
  { collection: 'ledger_accounts', fields: [['currency', 1]] },
  // A community's issuer / sink balance sums its per-person sub-accounts (docs/LEDGER.md).
  {
    collection: 'ledger_accounts',
    fields: [
      ['ownerId', 1],
      ['kind', 1],
    ],
  },
  // The public ledger: the latest entries on a community's issuer, across its sub-accounts.
  {
    collection: 'ledger_entries',
    fields: [
      ['systemAccountId', 1],
      ['at', -1],
    ],
  },
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
  // The uncollected-pickup sweep: approved ones past their deadline.
  {
    collection: 'gc_redemptions',
    fields: [
      ['status', 1],
      ['pickupBy', 1],
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
  // A shard's latest move (reconcile) and an item's shards (shown stock = their sum).
  {
    collection: 'gc_stock_moves',
    fields: [
      ['goodsId', 1],
      ['shard', 1],
      ['seq', 1],
    ],
  },
  { collection: 'gc_stock_shards', fields: [['goodsId', 1]] },
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
  /** Places taken per activity: counted for the list/detail, read before probing a free one. */
  { collection: 'tb_slots', fields: [['activityId', 1]] },
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
  // Moves into a community waiting for its staff (identity.move.queue).
  {
    collection: 'community_moves',
    fields: [
      ['toCommunityId', 1],
      ['status', 1],
      ['createdAt', 1],
    ],
  },
  // Grid-worker assignments (专职 / 兼职 / 流动) listed per community on the management page.
  { collection: 'gridworker_assignments', fields: [['communityId', 1]] },
  // Uploads: erasure finds and deletes a person's files (runtime/uploads.ts records who uploaded what).
  { collection: 'uploads', fields: [['ownerOpenid', 1]] },
  // Erasure finds what names a person (domain/personal-data.ts): cached answers about them, their opinions.
  { collection: 'idempotency', fields: [['subjectUserId', 1]] },
  { collection: 'opinions', fields: [['authorUserId', 1]] },
  { collection: 'notify_consents', fields: [['userId', 1]] },
  // 社区为民服务 (services): the catalogue per community, my applications, the window's queue,
  // pickup by code, figures per item, the seal register.
  {
    collection: 'service_items',
    fields: [
      ['communityId', 1],
      ['order', 1],
    ],
  },
  {
    collection: 'service_applications',
    fields: [
      ['applicantUserId', 1],
      ['submittedAt', -1],
    ],
  },
  {
    collection: 'service_applications',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['submittedAt', 1],
    ],
  },
  {
    collection: 'service_applications',
    fields: [
      ['communityId', 1],
      ['pickupCode', 1],
    ],
  },
  {
    collection: 'service_applications',
    fields: [
      ['itemId', 1],
      ['submittedAt', -1],
    ],
  },
  {
    collection: 'seal_register',
    fields: [
      ['communityId', 1],
      ['usedAt', -1],
    ],
  },
  // 举报奖励 (tips): an officer's queue per scheme (and community), a tipster's own tips, the claim code.
  {
    collection: 'tips',
    fields: [
      ['scheme', 1],
      ['communityId', 1],
      ['submittedAt', 1],
    ],
  },
  {
    collection: 'tips',
    fields: [
      ['tipsterUserId', 1],
      ['submittedAt', -1],
    ],
  },
  { collection: 'tips', fields: [['claimHash', 1]] },
  // The officers list per scheme.
  {
    collection: 'tip_officers',
    fields: [
      ['scheme', 1],
      ['designatedAt', 1],
    ],
  },
  { collection: 'tip_officers', fields: [['userId', 1]] },
  // Anonymous photo tickets and parts past their expiry, for the photo sweep.
  { collection: 'tip_photo_tickets', fields: [['expiresAt', 1]] },
  { collection: 'tip_photo_parts', fields: [['expiresAt', 1]] },
  // 乡贤 selection (sages): applications per community and status, my applications, appointments, stations.
  {
    collection: 'sage_applications',
    fields: [
      ['communityId', 1],
      ['status', 1],
      ['appliedAt', 1],
    ],
  },
  {
    collection: 'sage_applications',
    fields: [
      ['status', 1],
      ['appliedAt', 1],
    ],
  },
  {
    collection: 'sage_applications',
    fields: [
      ['applicantUserId', 1],
      ['appliedAt', -1],
    ],
  },
  {
    collection: 'sage_appointments',
    fields: [
      ['communityId', 1],
      ['termStart', -1],
    ],
  },
  {
    collection: 'sage_appointments',
    fields: [
      ['userId', 1],
      ['termStart', -1],
    ],
  },
  // The term sweep: active appointments by how soon their term ends.
  {
    collection: 'sage_appointments',
    fields: [
      ['status', 1],
      ['termEnd', 1],
    ],
  },
  { collection: 'sage_stations', fields: [['communityId', 1]] },
  // Time-bank and council counters (issue 19): a community's (or street's) shards, a period's meeting days.
  { collection: 'tb_figures', fields: [['communityId', 1]] },
  { collection: 'opinion_figures', fields: [['communityId', 1]] },
  {
    collection: 'council_day_figures',
    fields: [
      ['communityId', 1],
      ['day', 1],
    ],
  },
  { collection: 'council_day_figures', fields: [['day', 1]] },
];

/**
 * Collections expected to grow large: tests assert that queries against them never fully scan
 * (see `stats().fullScans` of the embedded store).
 */
export const LARGE_COLLECTIONS: string[] = ['reports', 'report_events'];
