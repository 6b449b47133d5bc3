import { z } from 'zod';
import { SAFETY_COLLECTIONS } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import type { Filter } from '../../_core/store/docstore';
import { requireManager, type UnitDoc, unitView } from '../lib/units';
import { ZId } from './evaluate';

/** The staff queue's tabs: new applications, awards due for yearly re-evaluation, and decided ones. */
export const QUEUE_VIEWS = ['applied', 'due', 'awarded', 'failed'] as const;

export const ZQueueInputSchema = z.strictObject({
  communityId: ZId,
  view: z.enum(QUEUE_VIEWS).default('applied'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** A community's applications for its staff, oldest waiting first. */
export const queue = defineAction({
  summary: '平安细胞评定工作台（待评定、待复评、已授牌、未通过）',
  input: ZQueueInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['safety'], writes: false },
  handler: async (input, ctx) => {
    requireManager(ctx, input.communityId);
    const now = ctx.clock.now().toISOString();
    const c = input.communityId;
    const filters: Record<(typeof QUEUE_VIEWS)[number], Filter> = {
      applied: { communityId: c, status: 'applied' },
      due: { communityId: c, status: 'awarded', expiresAt: { $lte: now } },
      awarded: { communityId: c, status: 'awarded', expiresAt: { $gt: now } },
      failed: { communityId: c, status: 'failed' },
    };
    const rows = await ctx.store.find<UnitDoc>(SAFETY_COLLECTIONS.units, filters[input.view], {
      orderBy: [['appliedAt', 'asc']],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return { items: rows.slice(0, input.limit).map((u) => unitView(ctx, u)), hasMore: rows.length > input.limit };
  },
});
