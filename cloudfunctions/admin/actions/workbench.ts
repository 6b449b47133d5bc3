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
import { type ActivityDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { Caller } from '../../_core/runtime/roles';

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
    const nowIso = now.toISOString();
    const communities = staffCommunities(ctx.caller);
    const gridGrants = ctx.caller.grants.filter((g) => g.role === 'gridworker' && g.communityId);
    if (communities.length === 0 && gridGrants.length === 0) throw new AppError('FORBIDDEN', '只有工作人员有工作台');
    const cap = WORKBENCH_COUNT_CAP + 1;

    async function kind<T extends { _id: string }>(
      k: WorkbenchKind,
      label: string,
      link: string,
      collection: string,
      filter: Record<string, unknown>,
      orderBy: Array<[string, 'asc' | 'desc']>,
      view: (doc: T) => WorkItem,
    ): Promise<WorkKind> {
      const [count, docs] = await Promise.all([
        ctx.store.count(collection, filter),
        ctx.store.find<T>(collection, filter, { orderBy: [...orderBy, ['_id', 'asc']], limit: input.limit }),
      ]);
      return {
        kind: k,
        label,
        count: Math.min(count, WORKBENCH_COUNT_CAP),
        more: count >= cap,
        items: docs.map(view),
        link,
      };
    }

    const reportView = (r: ReportDoc): WorkItem => ({
      id: r._id,
      title: `${categoryName(r.category)} · ${STATUS_LABELS[r.status]}`,
      detail: r.description.slice(0, 40),
      since: r.createdAt,
      dueAt: r.dueAt,
      overdue: r.dueAt < nowIso,
      link: `/packages/reports/detail/index?id=${r._id}`,
    });

    // Reports: staff see their communities' untaken ones; a grid worker what is theirs or their grids' unassigned.
    const waiting = ['submitted', 'dispatched'];
    const reportScope =
      communities.length > 0
        ? { communityId: { $in: communities } }
        : {
            communityId: { $in: [...new Set(gridGrants.map((g) => g.communityId as string))] },
            $or: [
              { assigneeUserId: ctx.caller.userId },
              { assigneeUserId: null, gridId: { $in: gridGrants.map((g) => g.gridId).filter(Boolean) } },
            ],
          };
    const kinds: Array<Promise<WorkKind>> = [
      kind<ReportDoc>(
        'reports',
        communities.length > 0 ? '待派单/受理的工单' : '待受理的工单',
        '/packages/reports/queue/index',
        REPORT_COLLECTIONS.reports,
        { ...reportScope, status: { $in: waiting } },
        [
          ['dueAt', 'asc'],
          ['createdAt', 'asc'],
        ],
        reportView,
      ),
      kind<ReportDoc>(
        'overdue',
        '已超时的工单',
        '/packages/reports/queue/index',
        REPORT_COLLECTIONS.reports,
        { ...reportScope, status: { $in: [...OPEN_STATUSES] }, dueAt: { $lt: nowIso } },
        [
          ['dueAt', 'asc'],
          ['createdAt', 'asc'],
        ],
        reportView,
      ),
    ];

    if (communities.length > 0) {
      const inCommunities = { communityId: { $in: communities } };
      kinds.push(
        kind<RedemptionDoc>(
          'redemptions',
          '待审核的兑换',
          '/packages/greencoin/queue/index',
          GC_COLLECTIONS.redemptions,
          // One's own redemption is someone else's to approve: it does not wait for the caller.
          { ...inCommunities, status: 'requested', userId: { $ne: ctx.caller.userId } },
          [['createdAt', 'asc']],
          (r) => ({
            id: r._id,
            title: `${r.goodsName} × ${r.quantity}`,
            detail: `${r.amount} 绿币`,
            since: r.createdAt,
            dueAt: r.expiresAt,
            overdue: false,
            link: '/packages/greencoin/queue/index',
          }),
        ),
        kind<OpinionDoc>(
          'opinions',
          '待答复的监督意见',
          '/packages/council/opinions/index',
          DELIBERATION_COLLECTIONS.opinions,
          { ...inCommunities, status: 'open' },
          // The stored answer-by date: the most pressing first.
          [['answerBy', 'asc']],
          (o) => {
            const dueAt = o.answerBy ?? opinionAnswerBy(o.createdAt);
            return {
              id: o._id,
              title: `关于「${o.targetTitle}」`,
              detail: `${o.authorName}：${o.body.slice(0, 40)}`,
              since: o.createdAt,
              dueAt,
              overdue: dueAt < nowIso,
              link: '/packages/council/opinions/index',
            };
          },
        ),
        kind<TopicDoc>(
          'topics',
          '待回复的居民议题',
          '/packages/council/topics/index',
          DELIBERATION_COLLECTIONS.topics,
          { ...inCommunities, status: 'open' },
          [['createdAt', 'asc']],
          (t) => ({
            id: t._id,
            title: t.title,
            detail: `${t.supportCount} 人附议`,
            since: t.createdAt,
            dueAt: null,
            overdue: false,
            link: '/packages/council/topics/index',
          }),
        ),
        hoursToConfirm(communities),
      );
    }

    /** Ended activities of the last two weeks with signed-up people whose minutes are not confirmed. */
    async function hoursToConfirm(ids: string[]): Promise<WorkKind> {
      const since = new Date(now.getTime() - HOURS_LOOKBACK_DAYS * 86_400_000).toISOString();
      const activities = await ctx.store.find<ActivityDoc>(
        TB_COLLECTIONS.activities,
        { communityId: { $in: ids }, status: 'published', endsAt: { $gte: since, $lt: nowIso } },
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
          ctx.store.count(TB_COLLECTIONS.signups, {
            activityId: a._id,
            status: 'signed',
            confirmedAt: null,
            userId: { $ne: ctx.caller.userId },
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
        items: waitingOnes.slice(0, input.limit).map(({ a, n }) => ({
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

    const all = await Promise.all(kinds);
    return { kinds: all, total: all.reduce((s, k) => s + k.count, 0), now: nowIso };
  },
});
