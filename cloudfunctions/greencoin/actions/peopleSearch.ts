import { z } from 'zod';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { defineAction } from '../../_core/runtime/define';
import { staffCommunity } from '../core';
import { escapeRegex, STAFF, ZId } from '../lib/awards';

export const ZPeopleSearchInputSchema = z.strictObject({
  communityId: ZId.optional(),
  q: z.string().trim().max(20).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const peopleSearch = defineAction({
  summary: '工作人员查找本社区居民（用于评定绿币）',
  input: ZPeopleSearchInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const filter: Record<string, unknown> = { communityId };
    if (input.q) filter.nickname = { $regex: escapeRegex(input.q) };
    const users = await ctx.store.find<UserDoc>(COLLECTIONS.users, filter, {
      orderBy: [['nickname', 'asc']],
      limit: input.limit,
    });
    return {
      items: users.map((u) => ({ userId: u._id, nickname: u.nickname, phoneMasked: maskPhone(u.phone) })),
    };
  },
});
