import { z } from 'zod';
import { SAFETY_COLLECTIONS } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { type UnitDoc, unitView } from '../lib/units';

export const ZMineInputSchema = z.strictObject({
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** My applications, newest first, with the latest result. */
export const mine = defineAction({
  summary: '我的平安细胞申请',
  input: ZMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['safety'], writes: false },
  handler: async (input, ctx) => {
    const rows = await ctx.store.find<UnitDoc>(
      SAFETY_COLLECTIONS.units,
      { applicantUserId: ctx.caller.userId },
      { orderBy: [['appliedAt', 'desc']], skip: input.skip, limit: input.limit + 1 },
    );
    return { items: rows.slice(0, input.limit).map((u) => unitView(ctx, u)), hasMore: rows.length > input.limit };
  },
});
