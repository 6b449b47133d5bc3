import { z } from 'zod';
import { type AwardDoc, GC_COLLECTIONS } from '../../_core/domain/greencoin';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { staffCommunity } from '../core';
import { awardView, STAFF, ZId } from '../lib/awards';

export const ZAwardPendingInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(['pending', 'posted', 'rejected']).default('pending'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const awardPending = defineAction({
  summary: '绿币评定记录（默认：待复核）',
  input: ZAwardPendingInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const docs = await ctx.store.find<AwardDoc>(
      GC_COLLECTIONS.awards,
      { communityId, status: input.status },
      { orderBy: [['createdAt', 'desc']], skip: input.skip, limit: input.limit + 1 },
    );
    const page = docs.slice(0, input.limit);
    const users = page.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: [...new Set(page.map((d) => d.userId))] } })
      : [];
    const names = new Map(users.map((u) => [u._id, u.nickname]));
    return {
      items: page.map((d) => ({
        ...awardView(d, names.get(d.userId) ?? ''),
        mine: d.makerUserId === ctx.caller.userId,
      })),
      hasMore: docs.length > input.limit,
    };
  },
});
