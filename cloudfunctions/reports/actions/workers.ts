import { z } from 'zod';
import { COLLECTIONS, type GridDoc, MAX_GRIDS_PER_COMMUNITY, type UserDoc } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export const ZWorkersInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  /** The report's grid: its own workers come first (dispatch offers them before the others). */
  gridId: z.string().min(1).max(64).optional(),
});

/** The grid workers a report of this community can be dispatched to, with their grids. */
export const workers = defineAction({
  summary: '可派单的网格员（本社区）',
  input: ZWorkersInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.grants.find((g) => g.role === 'staff')?.communityId;
    if (!communityId || !isStaffOf(ctx.caller, communityId)) {
      throw new AppError('FORBIDDEN', '只能查看本社区的网格员');
    }
    const grids = await ctx.store.find<GridDoc>(COLLECTIONS.grids, { communityId }, { limit: MAX_GRIDS_PER_COMMUNITY });
    const ids = [...new Set(grids.map((g) => g.workerUserId).filter((id): id is string => Boolean(id)))];
    const users = ids.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: ids } }, { limit: MAX_GRIDS_PER_COMMUNITY })
      : [];
    const items = users.map((u) => {
      const own = grids.filter((g) => g.workerUserId === u._id);
      return {
        userId: u._id,
        name: u.nickname,
        grids: own.map((g) => ({ id: g._id, name: g.name })),
        ownGrid: input.gridId !== undefined && own.some((g) => g._id === input.gridId),
      };
    });
    return {
      items: [...items.filter((w) => w.ownGrid), ...items.filter((w) => !w.ownGrid)],
      /** False when the report's grid has no worker of its own: dispatch then goes to a neighbour. */
      gridHasWorker: input.gridId === undefined || items.some((w) => w.ownGrid),
    };
  },
});
