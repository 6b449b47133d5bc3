import { z } from 'zod';
import { APPLICATION_STATUSES, SAGE_COLLECTIONS, type SageApplicationDoc } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { applicationView, requireReviewer } from '../lib/access';
import { ZId } from '../lib/select';

export const ZQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(APPLICATION_STATUSES).default('applied'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** Applications by status: staff see their community's; the street sees any community it names. */
export const queue = defineAction({
  summary: '乡贤申请列表（社区资格审查、街道审定）',
  input: ZQueueInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['sages'], writes: false },
  handler: async (input, ctx) => {
    const communityId =
      input.communityId ?? ctx.caller.grants.find((g) => g.role === 'staff' && g.communityId)?.communityId;
    const street = ctx.caller.grants.some((g) => g.role === 'admin' && g.communityId === undefined);
    if (communityId) requireReviewer(ctx.caller, communityId);
    else if (!street) throw new AppError('INVALID_INPUT', '请指定社区');
    const rows = await ctx.store.find<SageApplicationDoc>(
      SAGE_COLLECTIONS.applications,
      communityId ? { communityId, status: input.status } : { status: input.status },
      {
        orderBy: [
          ['appliedAt', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const items = [];
    for (const a of rows.slice(0, input.limit)) items.push(await applicationView(ctx, a));
    return { items, hasMore: rows.length > input.limit };
  },
});
