import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type ProcedureDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { assertReader, communityOf } from '../lib/access';
import { procedureView } from '../lib/views';

export const ZListProceduresInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  status: z.enum(['in_progress', 'rejected', 'completed']).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** Every step of every procedure is public to the community (that is the point of 两公开). */
export const listProcedures = defineAction({
  summary: '四议两公开事项列表（最新在前）',
  input: ZListProceduresInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertReader(ctx, communityId);
    const filter = input.status ? { communityId, status: input.status } : { communityId };
    const rows = await ctx.store.find<ProcedureDoc>(DELIBERATION_COLLECTIONS.procedures, filter, {
      orderBy: [['createdAt', 'desc']],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return { items: rows.slice(0, input.limit).map(procedureView), hasMore: rows.length > input.limit };
  },
});
