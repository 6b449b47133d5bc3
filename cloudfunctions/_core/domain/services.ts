/**
 * 社区为民服务 and 印章使用 (the city's lists: 12 statutory items, 16 resident-service items, 18
 * seal-use items per community): the catalogue, the application lifecycle and the seal register.
 * Pure rules; the `services` function does the I/O.
 */

export const SERVICE_COLLECTIONS = {
  items: 'service_items',
  applications: 'service_applications',
  seals: 'seal_register',
} as const;

export const ITEM_KINDS = ['statutory', 'resident', 'seal'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  statutory: '法定办理事项',
  resident: '为民服务事项',
  seal: '印章使用事项',
};

export interface ServiceItemDoc {
  _id: string;
  communityId: string;
  kind: ItemKind;
  name: string;
  description: string;
  /** What the applicant must bring or photograph, one line each. */
  materials: string[];
  /** In whole yuan; 0 = free (most items are). */
  fee: number;
  /** 承诺时限 in days, counted from acceptance. */
  timeLimitDays: number;
  /** Where the result is collected (the service window). */
  collectAt: string;
  active: boolean;
  order: number;
  updatedAt: string;
  updatedBy: string | null;
}

export const APPLICATION_STATUSES = [
  'submitted',
  'supplement',
  'accepted',
  'approved',
  'refused',
  'collected',
  /** The applicant erased their account while it was open: nobody is left to supply or collect. */
  'cancelled',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待受理',
  supplement: '待补正',
  accepted: '办理中',
  approved: '待领取',
  refused: '不予办理',
  collected: '已领取',
  cancelled: '已撤销（申请人注销账号）',
};

/** Open: still to be handled or collected (an erasure cancels these). */
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'supplement',
  'accepted',
  'approved',
];

export type ApplicationStep =
  | 'submit'
  | 'accept'
  | 'supplement'
  | 'supply'
  | 'approve'
  | 'refuse'
  | 'collect'
  | 'cancel';

export interface MaterialUpload {
  /** One of the item's materials. */
  name: string;
  fileIds: string[];
}

export interface ApplicationEvent {
  at: string;
  byUserId: string;
  step: ApplicationStep;
  note: string;
}

export interface ApplicationDoc {
  _id: string;
  communityId: string;
  itemId: string;
  itemName: string;
  itemKind: ItemKind;
  applicantUserId: string;
  note: string;
  /** For seal use: the document to be stamped and what it is for. */
  document: string | null;
  purpose: string | null;
  materials: MaterialUpload[];
  status: ApplicationStatus;
  /** What staff asked for at the latest 补正. */
  missing: string[];
  missingNote: string;
  refusedReason: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  /** 承诺时限 deadline, set at acceptance. */
  dueAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  collectedAt: string | null;
  /** Shown to the applicant once approved; staff check it at the window. */
  pickupCode: string | null;
  events: ApplicationEvent[];
  updatedAt: string;
}

/** One use of the community's seal, public to supervisors. */
export interface SealEntryDoc {
  _id: string;
  communityId: string;
  applicationId: string;
  itemName: string;
  document: string;
  purpose: string;
  applicantUserId: string;
  approvedBy: string;
  usedAt: string;
}

const NEXT: Record<ApplicationStep, readonly ApplicationStatus[]> = {
  submit: [],
  accept: ['submitted'],
  supplement: ['submitted', 'accepted'],
  supply: ['supplement'],
  approve: ['accepted'],
  refuse: ['submitted', 'accepted', 'supplement'],
  collect: ['approved'],
  cancel: ['submitted', 'supplement', 'accepted', 'approved'],
};

/** The status a step leads to, or null when the step is not allowed from `from`. */
export function nextStatus(
  from: ApplicationStatus,
  step: ApplicationStep,
  acceptedBefore: boolean,
): ApplicationStatus | null {
  if (!NEXT[step].includes(from)) return null;
  switch (step) {
    case 'accept':
      return 'accepted';
    case 'supplement':
      return 'supplement';
    // Supplied materials go back where they were: to acceptance, or to the clerk handling it.
    case 'supply':
      return acceptedBefore ? 'accepted' : 'submitted';
    case 'approve':
      return 'approved';
    case 'refuse':
      return 'refused';
    case 'collect':
      return 'collected';
    case 'cancel':
      return 'cancelled';
    default:
      return null;
  }
}

const DAY_MS = 86_400_000;

export const dueAtFrom = (acceptedAt: string, timeLimitDays: number): string =>
  new Date(Date.parse(acceptedAt) + timeLimitDays * DAY_MS).toISOString();

/** Every material the item asks for has at least one photo. */
export function missingMaterials(required: readonly string[], uploads: readonly MaterialUpload[]): string[] {
  const have = new Set(uploads.filter((u) => u.fileIds.length > 0).map((u) => u.name));
  return required.filter((name) => !have.has(name));
}

export interface ItemFigures {
  itemId: string;
  applications: number;
  open: number;
  finished: number;
  refused: number;
  /** Of the finished with a deadline, how many were decided by it. */
  onTime: number;
  overdueOpen: number;
  /** Average hours from application to decision, null when none finished. */
  avgHoursToFinish: number | null;
}

/** Figures per item: time to finish and whether the 承诺时限 was kept. */
export function itemFigures(
  itemId: string,
  apps: ReadonlyArray<Pick<ApplicationDoc, 'status' | 'submittedAt' | 'decidedAt' | 'dueAt'>>,
  nowIso: string,
): ItemFigures {
  let finished = 0;
  let refused = 0;
  let onTime = 0;
  let overdueOpen = 0;
  let hours = 0;
  for (const a of apps) {
    if (a.decidedAt) {
      finished += 1;
      if (a.status === 'refused') refused += 1;
      if (a.dueAt && a.decidedAt <= a.dueAt) onTime += 1;
      hours += (Date.parse(a.decidedAt) - Date.parse(a.submittedAt)) / 3_600_000;
    } else if (a.dueAt && a.dueAt < nowIso) overdueOpen += 1;
  }
  return {
    itemId,
    applications: apps.length,
    open: apps.length - finished,
    finished,
    refused,
    onTime,
    overdueOpen,
    avgHoursToFinish: finished === 0 ? null : Math.round((hours / finished) * 10) / 10,
  };
}
