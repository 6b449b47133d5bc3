import { z } from 'zod';
import { COLLECTIONS, type GridDoc } from '../../_core/domain/people';
import { allowed, coarseMetres } from '../../_core/domain/policy';
import { distanceMetres } from '../../_core/domain/reports/sla';
import { OPEN_STATUSES, REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { toSummaries } from '../lib/views';

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
