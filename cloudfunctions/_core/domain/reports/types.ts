/** Report documents as stored. Times are ISO-8601 strings (see docstore.ts). */

export const REPORT_STATUSES = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'suspended',
  'resolved',
  'rework',
  'closed',
  'rejected',
  'recalled',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '待受理',
  dispatched: '已派单',
  accepted: '已受理',
  in_progress: '办理中',
  suspended: '已挂起',
  resolved: '待评价',
  rework: '退回重办',
  closed: '已办结',
  rejected: '不予受理',
  recalled: '已撤回',
};

/** Ended without a resolution (refused or withdrawn): the case has no stages to show. */
export const STOPPED_STATUSES: readonly ReportStatus[] = ['rejected', 'recalled'];
/** Nothing more happens to a report in these states (apart from a reward). */
export const FINAL_STATUSES: readonly ReportStatus[] = ['closed', 'rejected', 'recalled'];
/** Still someone's work: shown in queues, offered as duplicates, watched by the SLA sweep. */
export const OPEN_STATUSES: readonly ReportStatus[] = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'suspended',
  'rework',
];

/** Status groups for the filters of lists (my reports, the work queue). */
export const STATUS_GROUPS = {
  all: [...REPORT_STATUSES],
  open: [...OPEN_STATUSES],
  waiting: ['submitted', 'dispatched'],
  working: ['accepted', 'in_progress', 'rework', 'suspended'],
  resolved: ['resolved'],
  finished: [...FINAL_STATUSES],
} as const satisfies Record<string, readonly ReportStatus[]>;
export type StatusGroup = keyof typeof STATUS_GROUPS;

export interface ReportLocation {
  address: string;
  latitude?: number;
  longitude?: number;
}

export interface ReportDoc {
  _id: string;
  /** 工单编号 (`XX-20261201-0042`), made in the submit transaction; absent on reports filed before it existed. */
  caseNo?: string;
  communityId: string;
  gridId: string;
  category: string;
  description: string;
  photos: string[];
  location: ReportLocation;
  anonymous: boolean;
  reporterUserId: string;
  /** Set when staff filed for a resident (phone call, visit): who typed it in. */
  filedByUserId: string | null;
  status: ReportStatus;
  /** The grid worker who handles it; null until dispatched or accepted. */
  assigneeUserId: string | null;
  /** The status a suspended report returns to on resume. */
  suspendedFrom: ReportStatus | null;
  suspendedAt: string | null;
  responseDueAt: string;
  resolveDueAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** 0 grid worker, 1 community, 2 street. */
  escalation: 0 | 1 | 2;
  /** When the SLA sweep must look at this report next; null when nothing can become overdue. */
  escalateAt: string | null;
  /** The deadline being raced now, or far in the future while the clock is stopped: queues sort on it. */
  dueAt: string;
  answer: string | null;
  evidencePhotos: string[];
  reworkCount: number;
  meTooCount: number;
  /**
   * The reporter's 「好差评」: score 1–5 (five levels, see case.ts); `satisfied` (score ≥ 3) is kept
   * derived so counters and figures that count satisfied ratings need not know the scale.
   * Ratings made before the five levels have no score.
   */
  rating: { score?: number; satisfied: boolean; comment: string | null; at: string } | null;
  rewardedAt: string | null;
  /** Bumped by every change; timeline entries are `<reportId>:<version>`, so each change is recorded once. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type TimelineAction =
  | 'submit'
  | 'dispatch'
  | 'accept'
  | 'start'
  | 'suspend'
  | 'resume'
  | 'resolve'
  | 'rate'
  | 'recall'
  | 'reject'
  | 'escalate'
  | 'metoo'
  | 'reward';

export interface ReportEventDoc {
  _id: string;
  reportId: string;
  seq: number;
  at: string;
  /** null for the system (SLA sweep). */
  actorUserId: string | null;
  action: TimelineAction;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  note: string | null;
  photos: string[];
}

export interface CategoryDoc {
  _id: string;
  /** null for the published defaults (they are not stored); a community's own additions carry it. */
  communityId: string | null;
  name: string;
  responseHours: number;
  resolveHours: number;
  createdAt: string;
}

/** Per-person per-day submission counter (China time), the abuse limit's exact count. */
export interface QuotaDoc {
  _id: string;
  count: number;
}

export const REPORT_COLLECTIONS = {
  reports: 'reports',
  events: 'report_events',
  categories: 'report_categories',
  quotas: 'report_quotas',
  /** Counters per (grid, day, shard) for the figures: see domain/reports/figures.ts. */
  figures: 'report_figures',
  followers: 'report_followers',
  /** One per community per China day: the sequence 工单编号 are drawn from. */
  caseCounters: 'report_case_counters',
} as const;
