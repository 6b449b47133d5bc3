import { z } from 'zod';
import { DISCLOSURE_CATEGORIES } from '../../_core/domain/deliberation/labels';
import { DELIBERATION_COLLECTIONS, type DisclosureDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertReader, communityOf, oversees } from '../lib/access';
import { disclosureView } from '../lib/views';

export const ZListDisclosuresInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  category: z.enum(DISCLOSURE_CATEGORIES).optional(),
  /** 'all' (staff and supervisors) includes notices outside their publish period. */
  scope: z.enum(['current', 'all']).default('current'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const listDisclosures = defineAction({
  summary: '公开栏：按类别列出公示期内的公开事项（工作人员和乡贤可查看全部）',
  input: ZListDisclosuresInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertReader(ctx, communityId);
    if (input.scope === 'all' && !oversees(ctx, communityId)) {
      throw new AppError('FORBIDDEN', '只有工作人员和乡贤监督员可以查看全部公开记录');
    }
    const now = ctx.clock.now().toISOString();
    const filter: Record<string, unknown> = { communityId };
    if (input.category) filter.category = input.category;
    if (input.scope === 'current') {
      filter.visibleFrom = { $lte: now };
      filter.$or = [{ visibleUntil: null }, { visibleUntil: { $gt: now } }];
    }
    const rows = await ctx.store.find<DisclosureDoc>(DELIBERATION_COLLECTIONS.disclosures, filter, {
      orderBy: [['visibleFrom', 'desc']],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return {
      items: rows.slice(0, input.limit).map((d) => disclosureView(d, now)),
      hasMore: rows.length > input.limit,
    };
  },
});
