import { z } from 'zod';
import { MOVE_COLLECTIONS, type MoveDoc, moveId } from '../../_core/domain/moves';
import type { GridDoc, UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadProfile } from '../lib/loadProfile';

export const ZJoinCommunityInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64),
  gridId: z.string().min(1).max(64),
});

/**
 * A person declares where they live and becomes a resident there. The first choice (and a move
 * between grids of the same community) takes effect at once; moving to another community is a
 * request that a staff member of the new community approves (identity.move.approve).
 */
export const joinCommunity = defineAction({
  summary: '选择居住的社区和网格，成为该社区居民',
  input: ZJoinCommunityInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    const moveRequest = await ctx.store.runTransaction(async (tx) => {
      const grid = await tx.get<GridDoc>(COLLECTIONS.grids, input.gridId);
      if (!grid || grid.communityId !== input.communityId) throw new AppError('NOT_FOUND', '所选社区或网格不存在');
      const user = await tx.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      const at = ctx.clock.now().toISOString();
      if (user.communityId && user.communityId !== input.communityId) {
        // Coins, hours and roles belong to a community: switching at will would carry them along.
        const request: MoveDoc = {
          _id: moveId(user._id),
          userId: user._id,
          fromCommunityId: user.communityId,
          fromGridId: user.gridId ?? null,
          toCommunityId: input.communityId,
          toGridId: input.gridId,
          status: 'pending',
          createdAt: at,
          decidedAt: null,
          decidedBy: null,
          rejectReason: null,
        };
        const existing = await tx.get<MoveDoc>(MOVE_COLLECTIONS.moves, request._id);
        if (existing) {
          const { _id, ...fields } = request;
          await tx.updateById(MOVE_COLLECTIONS.moves, _id, { $set: fields });
        } else await tx.insert<MoveDoc>(MOVE_COLLECTIONS.moves, request);
        return { id: request._id, status: request.status, toCommunityId: request.toCommunityId };
      }
      const grants = [
        ...user.grants.filter((g) => g.role !== 'resident'),
        { role: 'resident' as const, communityId: input.communityId },
      ];
      await tx.updateById(COLLECTIONS.users, user._id, {
        $set: {
          communityId: input.communityId,
          gridId: input.gridId,
          grants,
          updatedAt: at,
        },
      });
      return null;
    });
    return { ...(await loadProfile(ctx)), moveRequest };
  },
});
