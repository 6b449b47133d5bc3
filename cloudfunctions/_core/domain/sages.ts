/**
 * 乡贤监督员 selection: published qualification standards and review procedure (乡贤监督员资格标准
 * 和审查程序), an application with a statement and references, a qualification review by the
 * community's staff, a recorded decision by the street, and an appointment for a term at a
 * supervision station (乡贤监督工作站), renewed or ended with reasons. The supervisor role follows
 * the decision, never an ad-hoc grant. Pure rules; the `sages` function does the I/O.
 */

export const SAGE_COLLECTIONS = {
  applications: 'sage_applications',
  appointments: 'sage_appointments',
  stations: 'sage_stations',
  /** `<userId>|<communityId>` while an application is undecided: one open application per person. */
  openLocks: 'sage_open_applications',
} as const;

export interface SageStandard {
  id: string;
  text: string;
}

/** The published standards every application is reviewed against, one check each. */
export const SAGE_STANDARDS: readonly SageStandard[] = [
  { id: 'integrity', text: '拥护党的路线方针政策，遵纪守法，品行端正，无违法犯罪记录，不是失信被执行人' },
  { id: 'roots', text: '在本社区居住，或出生、成长于本地，与本社区有深厚渊源' },
  { id: 'standing', text: '在群众中有较高威望，热心公益事业，办事公道' },
  { id: 'ability', text: '身体健康，有时间和能力履行监督职责' },
  { id: 'independence', text: '本人及近亲属不是本社区“两委”成员，与被监督事项无利害关系' },
];

/** The review procedure, as published. */
export const SAGE_PROCEDURE: readonly string[] = [
  '个人申请或组织推荐，提交个人陈述和推荐人',
  '社区逐项进行资格审查',
  '街道审定并作出决定，记录在案',
  '在社区公开栏公示后聘任，明确任期和所在监督工作站',
  '任期届满可续聘；不履职或违反规定的，说明理由后解聘',
];

export const DEFAULT_TERM_YEARS = 3;

export const APPLICATION_STATUSES = [
  'applied',
  'qualified',
  'unqualified',
  'appointed',
  'declined',
  'withdrawn',
] as const;
export type SageApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const SAGE_STATUS_LABELS: Record<SageApplicationStatus, string> = {
  applied: '待资格审查',
  qualified: '资格审查通过，待街道审定',
  unqualified: '资格审查未通过',
  appointed: '已聘任',
  declined: '街道审定未通过',
  withdrawn: '已撤回（申请人注销账号）',
};

export interface SageReference {
  name: string;
  relation: string;
  phone: string;
}

export interface SageApplicationDoc {
  _id: string;
  communityId: string;
  applicantUserId: string;
  statement: string;
  references: SageReference[];
  status: SageApplicationStatus;
  /** The staff review: one result per published standard. */
  checks: Array<{ standardId: string; met: boolean }>;
  reviewNote: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  decisionNo: string | null;
  decisionReason: string;
  decidedBy: string | null;
  decidedAt: string | null;
  appointmentId: string | null;
  appliedAt: string;
  updatedAt: string;
}

export interface StationDoc {
  _id: string;
  communityId: string;
  name: string;
  address: string;
}

export interface TermChange {
  at: string;
  byUserId: string;
  kind: 'appoint' | 'renew' | 'remove' | 'expire';
  reason: string;
  termEnd: string;
}

export interface AppointmentDoc {
  _id: string;
  communityId: string;
  userId: string;
  applicationId: string | null;
  stationId: string;
  decisionNo: string;
  termStart: string;
  termEnd: string;
  /** `expired`: the term sweep ended it when its end passed without a renewal (the role went with it). */
  status: 'active' | 'removed' | 'expired';
  removedReason: string | null;
  history: TermChange[];
  /** The term end the 30-day warning was sent for: a renewal moves `termEnd`, so the next end is warned again. */
  warnedFor?: string;
  updatedAt: string;
}

/** Days before a term's end the person and the community's staff are told it is ending. */
export const TERM_WARNING_DAYS = 30;

/** Longest a renewal may run from today: the longest term a decision grants. */
export const MAX_TERM_YEARS = 5;

/** A term of `years` from `startIso` (same calendar day, `years` later). */
export function termEnd(startIso: string, years: number): string {
  const d = new Date(startIso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

/** The review passes only if every published standard is met. */
export function reviewOutcome(checks: ReadonlyArray<{ standardId: string; met: boolean }>): {
  complete: boolean;
  qualified: boolean;
} {
  const ids = new Set(checks.map((c) => c.standardId));
  const complete = SAGE_STANDARDS.every((s) => ids.has(s.id)) && ids.size === checks.length;
  return { complete, qualified: complete && checks.every((c) => c.met) };
}
