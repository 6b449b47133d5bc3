import { z } from 'zod';
import { MOVE_COLLECTIONS, type MoveDoc } from '../../_core/domain/moves';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { maskPhone } from '../../_core/domain/privacy';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ZId } from '../lib/move';

/** The community a staff member works the move queue of: the one named, or their own. */
function staffCommunityOf(ctx: ActionContext, requested?: string): string {
  const communityId =
    requested ??
    ctx.caller.grants.find((g) => (g.role === 'staff' || g.role === 'admin') && g.communityId)?.communityId;
  if (!communityId || !isStaffOf(ctx.caller, communityId)) throw new AppError('FORBIDDEN', '只能处理迁入本社区的申请');
  return communityId;
}

export const ZMoveQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const moveQueue = defineAction({
  summary: '迁入本社区的申请（待社区工作者审核）',
  input: ZMoveQueueInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunityOf(ctx, input.communityId);
    const moves = await ctx.store.find<MoveDoc>(
      MOVE_COLLECTIONS.moves,
      { toCommunityId: communityId, status: 'pending' },
      {
        orderBy: [
          ['createdAt', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit,
      },
    );
    const users = moves.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: moves.map((m) => m.userId) } })
      : [];
    const byId = new Map(users.map((u) => [u._id, u]));
    return {
      items: moves.map((m) => ({
        id: m._id,
        userId: m.userId,
        nickname: byId.get(m.userId)?.nickname ?? '',
        phoneMasked: maskPhone(byId.get(m.userId)?.phone),
        toGridId: m.toGridId,
        createdAt: m.createdAt,
      })),
      hasMore: moves.length === input.limit,
    };
  },
});
