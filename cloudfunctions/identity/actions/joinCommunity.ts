import { z } from 'zod';
import type { GridDoc, UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadProfile } from './loadProfile';

export const ZJoinCommunityInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64),
  gridId: z.string().min(1).max(64),
});

/** A person declares where they live and becomes a resident there; moving replaces the old home. */
export const joinCommunity = defineAction({
  summary: '选择居住的社区和网格，成为该社区居民',
  input: ZJoinCommunityInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    await ctx.store.runTransaction(async (tx) => {
      const grid = await tx.get<GridDoc>(COLLECTIONS.grids, input.gridId);
      if (!grid || grid.communityId !== input.communityId) throw new AppError('NOT_FOUND', '所选社区或网格不存在');
      const user = await tx.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      const grants = [
        ...user.grants.filter((g) => g.role !== 'resident'),
        { role: 'resident' as const, communityId: input.communityId },
      ];
      await tx.updateById(COLLECTIONS.users, user._id, {
        $set: {
          communityId: input.communityId,
          gridId: input.gridId,
          grants,
          updatedAt: ctx.clock.now().toISOString(),
        },
      });
    });
    return loadProfile(ctx);
  },
});
