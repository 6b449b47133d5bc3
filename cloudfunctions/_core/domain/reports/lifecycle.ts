import type { ReportDoc, ReportStatus } from './types';

/**
 * The report lifecycle as a table: each event, the states it may leave, the state it reaches and
 * who may cause it. Handlers only ask `decide`; the table is the single source of truth (and what
 * the UI's buttons come from, via `allowedEvents`).
 */
export type ReportEvent =
  | 'dispatch'
  | 'accept'
  | 'start'
  | 'suspend'
  | 'resume'
  | 'resolve'
  | 'rate_satisfied'
  | 'rate_unsatisfied'
  | 'recall'
  | 'reject';

/**
 * How the caller relates to one report.
 * - reporter: the person it was filed for;
 * - handler: the assigned grid worker, or while unassigned the grid worker of the report's grid
 *   (routing: a grid's reports land in its worker's queue and they may take them directly);
 * - staff: community staff of the report's community (or an admin over it).
 */
export type Relation = 'reporter' | 'handler' | 'staff';

interface Rule {
  from: readonly ReportStatus[];
  /** The target state; resume returns to where the report was suspended from. */
  to: ReportStatus | 'suspendedFrom';
  by: readonly Relation[];
  /** Chinese verb for the timeline and messages. */
  label: string;
}

export const TRANSITIONS: Record<ReportEvent, Rule> = {
  dispatch: { from: ['submitted', 'dispatched'], to: 'dispatched', by: ['staff'], label: '派单' },
  accept: { from: ['submitted', 'dispatched'], to: 'accepted', by: ['handler'], label: '受理' },
  start: { from: ['accepted', 'rework'], to: 'in_progress', by: ['handler', 'staff'], label: '开始办理' },
  suspend: {
    from: ['accepted', 'in_progress', 'rework'],
    to: 'suspended',
    by: ['handler', 'staff'],
    label: '挂起',
  },
  resume: { from: ['suspended'], to: 'suspendedFrom', by: ['handler', 'staff'], label: '恢复办理' },
  resolve: { from: ['in_progress'], to: 'resolved', by: ['handler', 'staff'], label: '办结' },
  rate_satisfied: { from: ['resolved'], to: 'closed', by: ['reporter'], label: '评价满意' },
  rate_unsatisfied: { from: ['resolved'], to: 'rework', by: ['reporter'], label: '评价不满意，退回重办' },
  recall: { from: ['submitted', 'dispatched'], to: 'recalled', by: ['reporter'], label: '撤回' },
  reject: { from: ['submitted', 'dispatched'], to: 'rejected', by: ['staff'], label: '不予受理' },
};

export const REPORT_EVENTS = Object.keys(TRANSITIONS) as ReportEvent[];

export type Decision = { ok: true; to: ReportStatus } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string };

/** May these relations cause `event` on the report now? Who first (FORBIDDEN), then state (CONFLICT). */
export function decide(
  report: Pick<ReportDoc, 'status' | 'suspendedFrom'>,
  event: ReportEvent,
  relations: ReadonlySet<Relation>,
): Decision {
  const rule = TRANSITIONS[event];
  if (!rule.by.some((r) => relations.has(r))) {
    return { ok: false, code: 'FORBIDDEN', message: `您不能对这件事项进行「${rule.label}」` };
  }
  // The rating is the resident's verdict on the handler's work (it counts in the handler's
  // satisfaction figures): a grid worker who reported and handled a case does not rate it.
  if ((event === 'rate_satisfied' || event === 'rate_unsatisfied') && relations.has('handler')) {
    return { ok: false, code: 'FORBIDDEN', message: '不能评价自己办理的事项' };
  }
  if (!rule.from.includes(report.status)) {
    return { ok: false, code: 'CONFLICT', message: `事项当前状态不能「${rule.label}」，请刷新后重试` };
  }
  const to = rule.to === 'suspendedFrom' ? report.suspendedFrom : rule.to;
  if (!to) return { ok: false, code: 'CONFLICT', message: '挂起前的状态缺失，无法恢复' };
  return { ok: true, to };
}

/** The events this caller may cause now: the buttons a page shows. */
export function allowedEvents(
  report: Pick<ReportDoc, 'status' | 'suspendedFrom'>,
  relations: ReadonlySet<Relation>,
): ReportEvent[] {
  return REPORT_EVENTS.filter((event) => decide(report, event, relations).ok);
}
