import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { listCategories } from '../lib/access';

export const ZListCategoriesInputSchema = z.strictObject({ communityId: z.string().min(1).max(64).optional() });

export const listCategoriesAction = defineAction({
  summary: '事项类别及其响应、办结时限（公开）',
  input: ZListCategoriesInputSchema,
  roles: 'authenticated',
  access: { scope: ['any'], touches: ['reports'], writes: false },
  handler: async (input, ctx) => ({ items: await listCategories(ctx, input.communityId ?? ctx.caller.communityId) }),
});
