import { z } from 'zod';
import { normalizeCaseNumber } from '../../_core/domain/reports/case';
import { REPORT_COLLECTIONS, type ReportDoc, STATUS_GROUPS } from '../../_core/domain/reports/types';
import { communitiesWhere } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isStaffOf } from '../lib/access';
import { ZGroup, ZPage } from '../lib/lists';
import { toSummaries } from '../lib/views';

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
