import { z } from 'zod';
import { SAFETY_COLLECTIONS, UNIT_TYPE_LABELS } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { UnitDoc } from '../lib/units';
import { ZId } from './evaluate';

export const ZAwardedInputSchema = z.strictObject({
  /** Defaults to the caller's own community. */
  communityId: ZId.optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The public roll of units holding a title now: no applicant or phone, only the unit and its title. */
export const awarded = defineAction({
  summary: '平安细胞光荣榜（当前有效的称号）',
  input: ZAwardedInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['safety'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请先加入社区');
    const now = ctx.clock.now().toISOString();
    const rows = await ctx.store.find<UnitDoc>(
      SAFETY_COLLECTIONS.units,
      { communityId, status: 'awarded', expiresAt: { $gt: now } },
      { orderBy: [['appliedAt', 'asc']], skip: input.skip, limit: input.limit + 1 },
    );
    return {
      communityId,
      items: rows.slice(0, input.limit).map((u) => ({
        id: u._id,
        type: u.type,
        typeLabel: UNIT_TYPE_LABELS[u.type],
        name: u.name,
        title: u.title,
        year: u.year,
        score: u.score,
        expiresAt: u.expiresAt,
      })),
      hasMore: rows.length > input.limit,
    };
  },
});
