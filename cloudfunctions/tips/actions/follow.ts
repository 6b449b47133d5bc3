import { z } from 'zod';
import { TIP_COLLECTIONS, type TipDoc } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { hashClaimCode, tipsterView } from '../lib/access';
import { ZClaimCode } from '../lib/desk';

export const ZFollowInputSchema = z.strictObject({
  claimCode: ZClaimCode,
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
