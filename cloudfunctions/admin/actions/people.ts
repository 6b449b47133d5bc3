import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { managesCommunity } from '../lib/scope';

export const ZId = z.string().min(1).max(64);

export const ZPeopleInputSchema = z.strictObject({
  communityId: ZId,
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/**
 * The residents of a community with the roles they hold there, for the role management page
 * (staff and admins of that community). Phones are masked.
 */
export const people = defineAction({
  summary: '本社区居民及其角色（用于授予、撤销角色）',
  input: ZPeopleInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    if (!managesCommunity(ctx, input.communityId)) throw new AppError('FORBIDDEN', '只能管理本社区的人员');
    const rows = await ctx.store.find<UserDoc>(
      COLLECTIONS.users,
      { communityId: input.communityId },
      { orderBy: [['_id', 'asc']], skip: input.skip, limit: input.limit + 1 },
    );
    return {
      items: rows.slice(0, input.limit).map((u) => ({
        userId: u._id,
        name: u.realName ?? u.nickname,
        phone: maskPhone(u.phone),
        gridId: u.gridId ?? null,
        /** Roles held in this community (a street/city admin grant shows too). */
        grants: u.grants.filter((g) => g.communityId === input.communityId || g.communityId === undefined),
      })),
      hasMore: rows.length > input.limit,
    };
  },
});
