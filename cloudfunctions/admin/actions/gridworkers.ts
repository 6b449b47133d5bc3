import { z } from 'zod';
import { periodProblem, scoreGridWorker } from '../../_core/domain/figures';
import { COLLECTIONS, type GridDoc, MAX_GRIDS_PER_COMMUNITY, type UserDoc } from '../../_core/domain/people';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { managesCommunity } from '../lib/scope';

export const ZGridworkerRankInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64),
  from: z.string().min(10).max(40),
  to: z.string().min(10).max(40),
});

/** Reports per worker per period scored. */
const MAX_REPORTS_PER_WORKER = 1000;

/**
 * 金牌网格员 / 优秀网格员: each grid worker of the community scored on the reports assigned to
 * them and submitted in the period, best first, with every line of the score shown.
 */
export const gridworkerRank = defineAction({
  summary: '网格员评价：按时响应、按时办结、群众满意的得分与排名',
  input: ZGridworkerRankInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['figures'], writes: false },
  handler: async (input, ctx) => {
    const problem = periodProblem(input.from, input.to);
    if (problem) throw new AppError('INVALID_INPUT', problem);
    if (!managesCommunity(ctx, input.communityId)) throw new AppError('FORBIDDEN', '只能查看本社区的网格员');
    const from = new Date(input.from).toISOString();
    const to = new Date(input.to).toISOString();
    const grids = await ctx.store.find<GridDoc>(
      COLLECTIONS.grids,
      { communityId: input.communityId },
      { limit: MAX_GRIDS_PER_COMMUNITY },
    );
    const workers = new Map<string, string[]>();
    for (const g of grids) {
      if (!g.workerUserId) continue;
      workers.set(g.workerUserId, [...(workers.get(g.workerUserId) ?? []), g.name]);
    }
    const rows = await Promise.all(
      [...workers.entries()].map(async ([userId, gridNames]) => {
        const [user, reports] = await Promise.all([
          ctx.store.get<UserDoc>(COLLECTIONS.users, userId),
          ctx.store.find<ReportDoc>(
            REPORT_COLLECTIONS.reports,
            { assigneeUserId: userId, communityId: input.communityId, createdAt: { $gte: from, $lt: to } },
            { limit: MAX_REPORTS_PER_WORKER },
          ),
        ]);
        return {
          userId,
          name: user?.realName ?? user?.nickname ?? '网格员',
          grids: gridNames,
          ...scoreGridWorker(reports),
        };
      }),
    );
    rows.sort((a, b) => b.score - a.score || b.reports - a.reports || a.userId.localeCompare(b.userId));
    return { communityId: input.communityId, from, to, items: rows.map((r, i) => ({ rank: i + 1, ...r })) };
  },
});
