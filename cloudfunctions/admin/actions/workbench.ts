/**
 * The staff workbench (工作台): what waits for this person, per kind, with a bounded count and the
 * oldest few, so the first screen says what to do next. Every query is an indexed filter on the
 * caller's own communities (staff) or grids (grid workers); nothing is scanned per community.
 */
import { z } from 'zod';
import {
  DELIBERATION_COLLECTIONS,
  type OpinionDoc,
  opinionAnswerBy,
  type TopicDoc,
} from '../../_core/domain/deliberation/model';
import { GC_COLLECTIONS, type RedemptionDoc } from '../../_core/domain/greencoin';
import { findDefaultCategory } from '../../_core/domain/reports/categories';
import { OPEN_STATUSES, REPORT_COLLECTIONS, type ReportDoc, STATUS_LABELS } from '../../_core/domain/reports/types';
import type { Caller } from '../../_core/domain/roles';
import { type ActivityDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

/** Counts stop here ("99+"): the workbench says "a lot", it is not a report. */
export const WORKBENCH_COUNT_CAP = 99;
/** Ended activities looked at for unconfirmed hours: the last two weeks, at most this many. */
const HOURS_LOOKBACK_DAYS = 14;
const HOURS_MAX_ACTIVITIES = 20;

export const ZWorkbenchInputSchema = z.strictObject({
  /** The oldest few shown per kind. */
  limit: z.number().int().min(1).max(10).default(3),
});

export type WorkbenchKind = 'reports' | 'overdue' | 'redemptions' | 'hours' | 'opinions' | 'topics';

interface WorkItem {
  id: string;
  title: string;
  detail: string;
  /** When it started waiting. */
  since: string;
  /** When it must be done, if there is a deadline. */
  dueAt: string | null;
  overdue: boolean;
  link: string;
}

interface WorkKind {
  kind: WorkbenchKind;
  label: string;
  count: number;
  /** True when there are more than WORKBENCH_COUNT_CAP. */
  more: boolean;
  items: WorkItem[];
  /** The list to clear them all. */
  link: string;
}

/** Communities where the caller acts as staff: named grants, or their home for an everywhere-admin. */
function staffCommunities(caller: Caller): string[] {
  const ids = caller.grants
    .filter((g) => g.role === 'staff' || g.role === 'admin')
    .map((g) => g.communityId ?? caller.communityId)
    .filter((c): c is string => typeof c === 'string');
  return [...new Set(ids)].slice(0, 20);
}

// Custom categories show their key's text; defaults their Chinese name.
const categoryName = (key: string) => findDefaultCategory(key)?.name ?? key;

/** What every kind's query needs: the store, the page size, the moment, who asks. */
interface Asking {
  store: ActionContext['store'];
  limit: number;
  now: Date;
  nowIso: string;
  userId: string;
}

interface KindSpec<T> {
  kind: WorkbenchKind;
  label: string;
  link: string;
  collection: string;
  filter: Record<string, unknown>;
  orderBy: Array<[string, 'asc' | 'desc']>;
  view: (doc: T) => WorkItem;
}

/** A bounded count and the oldest few of one kind, in two indexed queries. */
async function countAndOldest<T extends { _id: string }>(q: Asking, spec: KindSpec<T>): Promise<WorkKind> {
  const [count, docs] = await Promise.all([
    q.store.count(spec.collection, spec.filter),
    q.store.find<T>(spec.collection, spec.filter, { orderBy: [...spec.orderBy, ['_id', 'asc']], limit: q.limit }),
  ]);
  return {
    kind: spec.kind,
    label: spec.label,
    count: Math.min(count, WORKBENCH_COUNT_CAP),
    more: count >= WORKBENCH_COUNT_CAP + 1,
    items: docs.map(spec.view),
    link: spec.link,
  };
}

const BY_DUE_THEN_AGE: Array<[string, 'asc' | 'desc']> = [
  ['dueAt', 'asc'],
  ['createdAt', 'asc'],
];

/** Waiting and overdue reports: staff see their communities' untaken ones; a grid worker what is theirs or their grids' unassigned. */
function reportKinds(q: Asking, communities: string[], gridGrants: Caller['grants']): Array<Promise<WorkKind>> {
  const reportScope =
    communities.length > 0
      ? { communityId: { $in: communities } }
      : {
          communityId: { $in: [...new Set(gridGrants.map((g) => g.communityId as string))] },
          $or: [
            { assigneeUserId: q.userId },
            { assigneeUserId: null, gridId: { $in: gridGrants.map((g) => g.gridId).filter(Boolean) } },
          ],
        };
  const view = (r: ReportDoc): WorkItem => ({
    id: r._id,
    title: `${categoryName(r.category)} · ${STATUS_LABELS[r.status]}`,
    detail: r.description.slice(0, 40),
    since: r.createdAt,
    dueAt: r.dueAt,
    overdue: r.dueAt < q.nowIso,
    link: `/packages/reports/detail/index?id=${r._id}`,
  });
  const base = {
    link: '/packages/reports/queue/index',
    collection: REPORT_COLLECTIONS.reports,
    orderBy: BY_DUE_THEN_AGE,
    view,
  };
  return [
    countAndOldest<ReportDoc>(q, {
      ...base,
      kind: 'reports',
      label: communities.length > 0 ? '待派单/受理的工单' : '待受理的工单',
      filter: { ...reportScope, status: { $in: ['submitted', 'dispatched'] } },
    }),
    countAndOldest<ReportDoc>(q, {
      ...base,
      kind: 'overdue',
      label: '已超时的工单',
      filter: { ...reportScope, status: { $in: [...OPEN_STATUSES] }, dueAt: { $lt: q.nowIso } },
    }),
  ];
}

/** Redemptions, supervision opinions, residents' topics and hours: staff's kinds only. */
function staffKinds(q: Asking, communities: string[]): Array<Promise<WorkKind>> {
  const inCommunities = { communityId: { $in: communities } };
  return [
    countAndOldest<RedemptionDoc>(q, {
      kind: 'redemptions',
      label: '待审核的兑换',
      link: '/packages/greencoin/queue/index',
      collection: GC_COLLECTIONS.redemptions,
      // One's own redemption is someone else's to approve: it does not wait for the caller.
      filter: { ...inCommunities, status: 'requested', userId: { $ne: q.userId } },
      orderBy: [['createdAt', 'asc']],
      view: (r) => ({
        id: r._id,
        title: `${r.goodsName} × ${r.quantity}`,
        detail: `${r.amount} 绿币`,
        since: r.createdAt,
        dueAt: r.expiresAt,
        overdue: false,
        link: '/packages/greencoin/queue/index',
      }),
    }),
    countAndOldest<OpinionDoc>(q, {
      kind: 'opinions',
      label: '待答复的监督意见',
      link: '/packages/council/opinions/index',
      collection: DELIBERATION_COLLECTIONS.opinions,
      filter: { ...inCommunities, status: 'open' },
      // The stored answer-by date: the most pressing first.
      orderBy: [['answerBy', 'asc']],
      view: (o) => {
        const dueAt = o.answerBy ?? opinionAnswerBy(o.createdAt);
        return {
          id: o._id,
          title: `关于「${o.targetTitle}」`,
          detail: `${o.authorName}：${o.body.slice(0, 40)}`,
          since: o.createdAt,
          dueAt,
          overdue: dueAt < q.nowIso,
          link: '/packages/council/opinions/index',
        };
      },
    }),
    countAndOldest<TopicDoc>(q, {
      kind: 'topics',
      label: '待回复的居民议题',
      link: '/packages/council/topics/index',
      collection: DELIBERATION_COLLECTIONS.topics,
      filter: { ...inCommunities, status: 'open' },
      orderBy: [['createdAt', 'asc']],
      view: (t) => ({
        id: t._id,
        title: t.title,
        detail: `${t.supportCount} 人附议`,
        since: t.createdAt,
        dueAt: null,
        overdue: false,
        link: '/packages/council/topics/index',
      }),
    }),
    hoursToConfirm(q, communities),
  ];
}

/** Ended activities of the last two weeks with signed-up people whose minutes are not confirmed. */
async function hoursToConfirm(q: Asking, ids: string[]): Promise<WorkKind> {
  const since = new Date(q.now.getTime() - HOURS_LOOKBACK_DAYS * 86_400_000).toISOString();
  const activities = await q.store.find<ActivityDoc>(
    TB_COLLECTIONS.activities,
    { communityId: { $in: ids }, status: 'published', endsAt: { $gte: since, $lt: q.nowIso } },
    {
      orderBy: [
        ['endsAt', 'asc'],
        ['_id', 'asc'],
      ],
      limit: HOURS_MAX_ACTIVITIES,
    },
  );
  const pending = await Promise.all(
    activities.map((a) =>
      q.store.count(TB_COLLECTIONS.signups, {
        activityId: a._id,
        status: 'signed',
        confirmedAt: null,
        userId: { $ne: q.userId },
      }),
    ),
  );
  const waitingOnes = activities.map((a, i) => ({ a, n: pending[i] ?? 0 })).filter((x) => x.n > 0);
  const total = waitingOnes.reduce((s, x) => s + x.n, 0);
  return {
    kind: 'hours',
    label: '待确认的志愿时长',
    count: Math.min(total, WORKBENCH_COUNT_CAP),
    more: total > WORKBENCH_COUNT_CAP,
    items: waitingOnes.slice(0, q.limit).map(({ a, n }) => ({
      id: a._id,
      title: a.title,
      detail: `${n} 人待确认`,
      since: a.endsAt,
      dueAt: null,
      overdue: false,
      link: `/packages/volunteer/confirm/index?id=${a._id}`,
    })),
    link: '/packages/volunteer/staff/index',
  };
}

export const workbench = defineAction({
  summary: '工作台：待我处理的工单、兑换、时长、监督意见和议题（数量与最早几件）',
  input: ZWorkbenchInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: {
    scope: ['grid', 'staff', 'admin'],
    touches: ['reports', 'greencoin', 'timebank', 'deliberation'],
    writes: false,
  },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const communities = staffCommunities(ctx.caller);
    const gridGrants = ctx.caller.grants.filter((g) => g.role === 'gridworker' && g.communityId);
    if (communities.length === 0 && gridGrants.length === 0) throw new AppError('FORBIDDEN', '只有工作人员有工作台');
    const q: Asking = {
      store: ctx.store,
      limit: input.limit,
      now,
      nowIso: now.toISOString(),
      userId: ctx.caller.userId,
    };
    const kinds = [
      ...reportKinds(q, communities, gridGrants),
      ...(communities.length > 0 ? staffKinds(q, communities) : []),
    ];
    const all = await Promise.all(kinds);
    return { kinds: all, total: all.reduce((s, k) => s + k.count, 0), now: q.nowIso };
  },
});
