import { z } from 'zod';
import { CLAIM_CODE, TIP_COLLECTIONS, type TipDoc } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { hashClaimCode, tipsterView } from '../lib/access';

export const ZFollowInputSchema = z.strictObject({
  claimCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(CLAIM_CODE, '领取码格式为 XXXX-XXXX-XXXX')),
});

/** An anonymous tipster follows their tip with the claim code alone. */
export const follow = defineAction({
  summary: '凭领取码查询匿名举报的进度和奖励',
  input: ZFollowInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['tips'], writes: false },
  handler: async (input, ctx) => {
    const [tip] = await ctx.store.find<TipDoc>(
      TIP_COLLECTIONS.tips,
      { claimHash: hashClaimCode(input.claimCode) },
      { limit: 1 },
    );
    if (!tip) throw new AppError('NOT_FOUND', '领取码无效');
    return { tip: tipsterView(tip) };
  },
});
