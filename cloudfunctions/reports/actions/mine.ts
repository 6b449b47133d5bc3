import { z } from 'zod';
import { REPORT_COLLECTIONS, type ReportDoc, STATUS_GROUPS } from '../../_core/domain/reports/types';
import { defineAction } from '../../_core/runtime/define';
import { ZGroup, ZPage } from '../lib/lists';
import { toSummaries } from '../lib/views';

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
