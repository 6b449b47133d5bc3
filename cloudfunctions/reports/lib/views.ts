import { asGeoPolygon } from '../../_core/domain/geo';
import { COLLECTIONS, type GridDoc, type UserDoc } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { caseStages, ratingLabel } from '../../_core/domain/reports/case';
import { DEFAULT_CATEGORIES } from '../../_core/domain/reports/categories';
import { allowedEvents, type ReportEvent } from '../../_core/domain/reports/lifecycle';
import { REWARDABLE_STATUSES } from '../../_core/domain/reports/reward';
import { ESCALATION_LABELS, isOverdue, pendingDeadline } from '../../_core/domain/reports/sla';
import {
  type CategoryDoc,
  OPEN_STATUSES,
  REPORT_COLLECTIONS,
  type ReportDoc,
  type ReportEventDoc,
  type ReportStatus,
  STATUS_LABELS,
  type TimelineAction,
} from '../../_core/domain/reports/types';
import { type SpeakerBadge, speakerIn } from '../../_core/domain/speaker';
import type { ActionContext } from '../../_core/runtime/define';
import { canView, relationsOf, seesReporter } from './access';

const ACTION_LABELS: Record<TimelineAction, string> = {
  submit: '提交上报',
  dispatch: '派单',
  accept: '受理',
  start: '开始办理',
  suspend: '挂起',
  resume: '恢复办理',
  resolve: '办结并答复',
  rate: '评价',
  recall: '撤回',
  reject: '不予受理',
  escalate: '超时升级',
  metoo: '我也遇到',
  reward: '核实有价值，发放奖励',
};

/** Steps only those who handle or manage a report can take. */
const STAFF_STEPS = new Set<TimelineAction>([
  'dispatch',
  'accept',
  'start',
  'suspend',
  'resume',
  'resolve',
  'reject',
  'reward',
]);

export interface SlaView {
  /** The deadline being raced now; null when the clock is stopped (suspended, awaiting rating, finished). */
  dueAt: string | null;
  stage: 'response' | 'resolve' | null;
  overdue: boolean;
  responseDueAt: string;
  resolveDueAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  escalation: string;
}

export interface ReportSummary {
  id: string;
  /** 工单编号; null for reports filed before case numbers existed. */
  caseNo: string | null;
  category: string;
  categoryName: string;
  description: string;
  status: ReportStatus;
  statusLabel: string;
  address: string;
  createdAt: string;
  thumbnail: string | null;
  anonymous: boolean;
  meTooCount: number;
  reworkCount: number;
  sla: SlaView;
}

async function categoryNames(ctx: ActionContext, reports: ReportDoc[]): Promise<Map<string, string>> {
  const names = new Map<string, string>(DEFAULT_CATEGORIES.map((c) => [c._id, c.name]));
  const missing = [...new Set(reports.map((r) => r.category).filter((c) => !names.has(c)))];
  if (missing.length > 0) {
    const own = await ctx.store.find<CategoryDoc>(REPORT_COLLECTIONS.categories, { _id: { $in: missing } });
    for (const c of own) names.set(c._id, c.name);
  }
  return names;
}

function slaView(report: ReportDoc, now: Date): SlaView {
  const due = pendingDeadline(report);
  return {
    dueAt: due,
    stage: due ? (report.respondedAt ? 'resolve' : 'response') : null,
    overdue: isOverdue(report, now),
    responseDueAt: report.responseDueAt,
    resolveDueAt: report.resolveDueAt,
    respondedAt: report.respondedAt,
    resolvedAt: report.resolvedAt,
    escalation: ESCALATION_LABELS[report.escalation],
  };
}

export async function toSummaries(ctx: ActionContext, reports: ReportDoc[]): Promise<ReportSummary[]> {
  const names = await categoryNames(ctx, reports);
  const firstPhotos = reports.map((r) => r.photos[0]).filter((p): p is string => Boolean(p));
  const urls = await ctx.files.urls(firstPhotos);
  const now = ctx.clock.now();
  return reports.map((r) => ({
    id: r._id,
    caseNo: r.caseNo ?? null,
    category: r.category,
    categoryName: names.get(r.category) ?? '其他',
    description: r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    address: r.location.address,
    createdAt: r.createdAt,
    thumbnail: r.photos[0] ? (urls[r.photos[0]] ?? null) : null,
    anonymous: r.anonymous,
    meTooCount: r.meTooCount,
    reworkCount: r.reworkCount,
    sla: slaView(r, now),
  }));
}

async function loadUsers(ctx: ActionContext, ids: Array<string | null | undefined>) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const users = wanted.length
    ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: wanted } }, { limit: wanted.length })
    : [];
  return new Map(users.map((u) => [u._id, u]));
}

/** A report as this caller may see it: anonymity and phone masking applied here, once. */
export async function toDetail(ctx: ActionContext, report: ReportDoc) {
  const caller = ctx.caller;
  const [summary] = (await toSummaries(ctx, [report])) as [ReportSummary];
  const events = await ctx.store.find<ReportEventDoc>(
    REPORT_COLLECTIONS.events,
    { reportId: report._id },
    { orderBy: [['seq', 'asc']], limit: 500 },
  );
  const showReporter = seesReporter(caller, report);
  const users = await loadUsers(ctx, [
    showReporter ? report.reporterUserId : null,
    report.filedByUserId,
    report.assigneeUserId,
    ...events.map((e) => e.actorUserId),
  ]);
  const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, report.gridId);
  const allPhotos = [...report.photos, ...report.evidencePhotos, ...events.flatMap((e) => e.photos)];
  const urls = await ctx.files.urls([...new Set(allPhotos)]);
  const reporter = showReporter ? users.get(report.reporterUserId) : undefined;
  const actorName = (event: ReportEventDoc): string => {
    if (!event.actorUserId) return '系统';
    // The anonymous reporter's own steps stay anonymous too, or the timeline would name them.
    if (event.actorUserId === report.reporterUserId && !showReporter) return '匿名居民';
    return users.get(event.actorUserId)?.nickname ?? '已注销用户';
  };
  // The role beside a name comes from the actor's grants, for the steps only staff and grid workers
  // take (and a report they filed for a resident); a resident's own steps never carry one.
  const actorRole = (event: ReportEventDoc): SpeakerBadge | null => {
    if (!event.actorUserId || event.actorUserId === report.reporterUserId) return null;
    if (!STAFF_STEPS.has(event.action) && event.action !== 'submit') return null;
    return speakerIn(users.get(event.actorUserId)?.grants ?? [], report.communityId);
  };
  const assignee = report.assigneeUserId ? users.get(report.assigneeUserId) : undefined;
  const relations = relationsOf(caller, report);
  const followed = await ctx.store.get(REPORT_COLLECTIONS.followers, `${report._id}:${caller.userId}`);
  const actions: ReportEvent[] = allowedEvents(report, relations);
  return {
    ...summary,
    /** The server's clock: pages count down from it, not from the phone's (which may be wrong). */
    now: ctx.clock.now().toISOString(),
    description: report.description,
    photos: report.photos.map((id) => urls[id] ?? ''),
    // An anonymous report's exact place goes with its reporter's identity: only to those who act.
    address: showReporter ? summary.address : (grid?.name ?? ''),
    location: showReporter ? report.location : { address: grid?.name ?? '' },
    gridId: report.gridId,
    gridName: grid?.name ?? '',
    reporter: reporter
      ? { name: reporter.nickname, phoneMasked: maskPhone(reporter.phone) }
      : { name: '匿名居民', phoneMasked: null },
    mine: caller.userId === report.reporterUserId,
    filedByStaff: report.filedByUserId !== null,
    assignee: report.assigneeUserId ? (assignee?.nickname ?? '') : null,
    assigneeRole: assignee ? speakerIn(assignee.grants, report.communityId) : null,
    answer: report.answer,
    evidencePhotos: report.evidencePhotos.map((id) => urls[id] ?? ''),
    rating: report.rating
      ? {
          ...report.rating,
          score: report.rating.score ?? null,
          /** Ratings from before the five levels read as 满意 / 不满意. */
          label: report.rating.score ? ratingLabel(report.rating.score) : report.rating.satisfied ? '满意' : '不满意',
        }
      : null,
    /** 受理 → 办理 → 办结 → 评价 with the time each was reached. */
    stages: caseStages(report, events),
    /** The grid's outline for the small map (no outside tiles needed). */
    gridBoundary: asGeoPolygon(grid?.boundary),
    rewarded: report.rewardedAt !== null,
    /** Staff may mark it verified-valuable (举报奖励) once it has been taken up, once. */
    canReward: report.rewardedAt === null && relations.has('staff') && REWARDABLE_STATUSES.includes(report.status),
    followed: followed !== null,
    /** 我也遇到 is for other residents: not the reporter, not whoever handles or manages the case. */
    canMeToo:
      OPEN_STATUSES.includes(report.status) &&
      followed === null &&
      !relations.has('reporter') &&
      !relations.has('handler') &&
      !relations.has('staff'),
    actions,
    timeline: events.map((e) => ({
      seq: e.seq,
      at: e.at,
      action: e.action,
      label: ACTION_LABELS[e.action],
      actor: actorName(e),
      actorRole: actorRole(e),
      toStatus: e.toStatus ? STATUS_LABELS[e.toStatus] : null,
      note: e.note,
      photos: e.photos.map((id) => urls[id] ?? ''),
    })),
  };
}

export { canView };
