import { z } from 'zod';
import { COLLECTIONS, type GridDoc } from '../../_core/domain/people';
import { allowed, coarseMetres } from '../../_core/domain/policy';
import { normalizeCaseNumber } from '../../_core/domain/reports/case';
import { distanceMetres } from '../../_core/domain/reports/sla';
import { OPEN_STATUSES, REPORT_COLLECTIONS, type ReportDoc, STATUS_GROUPS } from '../../_core/domain/reports/types';
import { communitiesWhere } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isStaffOf, loadVisibleReport } from '../lib/access';
import { toDetail, toSummaries } from '../lib/views';

const ZGroup = z.enum(Object.keys(STATUS_GROUPS) as [keyof typeof STATUS_GROUPS, ...Array<keyof typeof STATUS_GROUPS>]);
const ZPage = {
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
};

export const ZMineInputSchema = z.strictObject({ group: ZGroup.default('all'), ...ZPage });

export const mine = defineAction({
  summary: '我的上报（按状态筛选，分页）',
  input: ZMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['reports'], writes: false },
  handler: async (input, ctx) => {
    const reports = await ctx.store.find<ReportDoc>(
      REPORT_COLLECTIONS.reports,
      { reporterUserId: ctx.caller.userId, status: { $in: [...STATUS_GROUPS[input.group]] } },
      {
        // _id last: reports filed in the same millisecond keep one order, so skip never repeats or drops one.
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit,
      },
    );
    return {
      items: await toSummaries(ctx, reports),
      hasMore: reports.length === input.limit,
      now: ctx.clock.now().toISOString(),
    };
  },
});

export const ZGetInputSchema = z.strictObject({ reportId: z.string().min(1).max(64) });

export const get = defineAction({
  summary: '事项详情：进度时间线、办理时限、可进行的操作',
  input: ZGetInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'member', 'grid', 'staff', 'supervisor'], touches: ['reports'], writes: false },
  handler: async (input, ctx) => toDetail(ctx, await loadVisibleReport(ctx.store, ctx.caller, input.reportId)),
});

export const ZQueueInputSchema = z.strictObject({
  group: ZGroup.default('open'),
  /**
   * 工单编号 a resident quotes on the phone (any status; spaces, lower case and full-width dashes
   * are forgiven). Searches the caller's own community only.
   */
  caseNo: z.string().trim().min(6).max(32).optional(),
  /** Staff and admins pick the community; grid workers see their own work. */
  communityId: z.string().min(1).max(64).optional(),
  ...ZPage,
});

export const queue = defineAction({
  summary: '工单队列：按状态筛选，最紧急（已超时）的排在前面',
  input: ZQueueInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: false },
  handler: async (input, ctx) => {
    // A quoted case number finds the case whatever its status: the caller may not know it is closed.
    const statuses = input.caseNo ? [...STATUS_GROUPS.all] : [...STATUS_GROUPS[input.group]];
    const byCase = input.caseNo ? { caseNo: normalizeCaseNumber(input.caseNo) } : {};
    const staffCommunity =
      input.communityId ?? communitiesWhere(ctx.caller, 'staff').find((c): c is string => c !== undefined);
    let filter: Record<string, unknown>;
    if (staffCommunity !== undefined && isStaffOf(ctx.caller, staffCommunity)) {
      filter = { communityId: staffCommunity, status: { $in: statuses }, ...byCase };
    } else {
      // A grid worker: what is assigned to them, plus their grids' reports nobody has taken yet.
      const grants = ctx.caller.grants.filter((g) => g.role === 'gridworker' && g.communityId);
      if (grants.length === 0) throw new AppError('FORBIDDEN', '只能查看本社区的工单');
      filter = {
        communityId: { $in: [...new Set(grants.map((g) => g.communityId as string))] },
        status: { $in: statuses },
        ...byCase,
        $or: [
          { assigneeUserId: ctx.caller.userId },
          { assigneeUserId: null, gridId: { $in: grants.map((g) => g.gridId).filter(Boolean) } },
        ],
      };
    }
    const reports = await ctx.store.find<ReportDoc>(REPORT_COLLECTIONS.reports, filter, {
      orderBy: [
        ['dueAt', 'asc'],
        ['createdAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit,
    });
    return {
      items: await toSummaries(ctx, reports),
      hasMore: reports.length === input.limit,
      now: ctx.clock.now().toISOString(),
    };
  },
});

export const ZDuplicatesInputSchema = z.strictObject({
  category: z.string().min(1).max(40),
  gridId: z.string().min(1).max(64).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

/** How far back and how near a report must be to be offered as "the same thing". */
export const DUPLICATE_WINDOW_DAYS = 7;
export const DUPLICATE_RADIUS_METRES = 300;

export const duplicates = defineAction({
  summary: '提交前的相似事项：同类别、同网格、未办结、近期（有坐标时按距离）',
  input: ZDuplicatesInputSchema,
  roles: ['resident', 'staff'],
  access: { scope: ['member'], touches: ['reports'], writes: false },
  handler: async (input, ctx) => {
    const gridId = input.gridId ?? ctx.caller.gridId;
    if (!gridId) return { items: [] };
    // Only the caller's own community: a grid id of another community answers nothing about it.
    const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, gridId);
    if (!grid || !allowed(ctx.caller, ['member'], { communityId: grid.communityId })) {
      throw new AppError('FORBIDDEN', '只能查看本社区的相似事项');
    }
    const since = new Date(ctx.clock.now().getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();
    const candidates = await ctx.store.find<ReportDoc>(
      REPORT_COLLECTIONS.reports,
      { gridId, category: input.category, status: { $in: [...OPEN_STATUSES] }, createdAt: { $gte: since } },
      { orderBy: [['createdAt', 'desc']], limit: 50 },
    );
    const here =
      input.latitude !== undefined && input.longitude !== undefined
        ? { latitude: input.latitude, longitude: input.longitude }
        : null;
    const near = candidates
      .map((r) => {
        const { latitude, longitude } = r.location;
        // An anonymous report's position is never measured against a probe: in/out of the radius
        // and the distance would both locate the reporter. It is matched by grid only.
        const distance =
          here && !r.anonymous && latitude !== undefined && longitude !== undefined
            ? distanceMetres(here, { latitude, longitude })
            : null;
        return { report: r, distance };
      })
      // Without coordinates on both sides the grid is the only notion of "near".
      .filter((c) => c.distance === null || c.distance <= DUPLICATE_RADIUS_METRES)
      .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity))
      .slice(0, 5);
    const summaries = await toSummaries(
      ctx,
      near.map((c) => c.report),
    );
    return {
      items: summaries.map((s, i) => {
        const report = near[i]?.report;
        const mine = report?.reporterUserId === ctx.caller.userId;
        // Someone else's anonymous report: only that it exists (category, status, time, 也遇到).
        const hidden = !!report?.anonymous && !mine;
        return {
          ...s,
          description: hidden ? `${s.categoryName}（匿名上报，详情不公开）` : s.description,
          address: hidden ? grid.name : s.address,
          thumbnail: hidden ? null : s.thumbnail,
          anonymous: mine && s.anonymous,
          distanceMetres: near[i]?.distance == null ? null : coarseMetres(near[i]?.distance ?? 0),
          mine,
        };
      }),
    };
  },
});
