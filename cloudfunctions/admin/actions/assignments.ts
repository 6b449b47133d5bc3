import { z } from 'zod';
import { COLLECTIONS, type GridDoc, type UserDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ASSIGNMENTS_COLLECTION } from '../lib/manage';
import { managesCommunity } from '../lib/scope';
import { ZId } from './people';
import type { AssignmentDoc } from './roleGrant';

export const ZAssignmentsInputSchema = z.strictObject({ communityId: ZId });

const MAX_ASSIGNMENTS = 500;

const MAX_GRIDS = 200;

/**
 * Who works which grid, and how: 专职 / 兼职 / 流动网格员 (from the assignment records; a grid's
 * routed worker without a record, as in older data, shows as full-time).
 */
export const assignments = defineAction({
  summary: '本社区的网格员配备（专职、兼职、流动网格员）',
  input: ZAssignmentsInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    if (!managesCommunity(ctx, input.communityId)) throw new AppError('FORBIDDEN', '只能查看本社区的网格员');
    const [rows, grids] = await Promise.all([
      ctx.store.find<AssignmentDoc>(
        ASSIGNMENTS_COLLECTION,
        { communityId: input.communityId },
        { limit: MAX_ASSIGNMENTS },
      ),
      ctx.store.find<GridDoc>(COLLECTIONS.grids, { communityId: input.communityId }, { limit: MAX_GRIDS }),
    ]);
    const all = [...rows];
    for (const g of grids) {
      if (g.workerUserId && !rows.some((r) => r.gridId === g._id && r.userId === g.workerUserId)) {
        all.push({
          _id: `${g.workerUserId}|${g._id}`,
          userId: g.workerUserId,
          communityId: g.communityId,
          gridId: g._id,
          kind: 'fulltime',
          assignedBy: '',
          assignedAt: '',
        });
      }
    }
    const userIds = [...new Set(all.map((r) => r.userId))];
    const users = await Promise.all(userIds.map((id) => ctx.store.get<UserDoc>(COLLECTIONS.users, id)));
    const nameOf = new Map(users.filter((u): u is UserDoc => u !== null).map((u) => [u._id, u.realName ?? u.nickname]));
    const gridName = new Map(grids.map((g) => [g._id, g.name]));
    const routed = new Map(grids.map((g) => [g._id, g.workerUserId ?? null]));
    return {
      items: all
        .map((r) => ({
          userId: r.userId,
          name: nameOf.get(r.userId) ?? '已注销用户',
          gridId: r.gridId,
          gridName: gridName.get(r.gridId) ?? r.gridId,
          kind: r.kind,
          /** The grid's reports are routed to this worker. */
          routed: routed.get(r.gridId) === r.userId,
          assignedAt: r.assignedAt || null,
        }))
        .sort((a, b) => a.gridId.localeCompare(b.gridId) || a.name.localeCompare(b.name)),
    };
  },
});
