import { z } from 'zod';
import { type ApplicationDoc, SERVICE_COLLECTIONS } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { clerkCommunity } from '../lib/access';
import { CLERKS, step, ZId } from '../lib/handle';

export const ZCollectInputSchema = z.strictObject({
  communityId: ZId.optional(),
  pickupCode: z.string().regex(/^\d{6}$/, '领取码为 6 位数字'),
});

/** At the window: the applicant shows the code, the clerk hands over the result. */
export const collect = defineAction({
  summary: '凭领取码确认居民已领取办理结果',
  input: ZCollectInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    const communityId = clerkCommunity(ctx.caller, input.communityId);
    const found = await ctx.store.find<ApplicationDoc>(
      SERVICE_COLLECTIONS.applications,
      { communityId, pickupCode: input.pickupCode, status: 'approved' },
      { limit: 2 },
    );
    const [only, second] = found;
    if (!only) throw new AppError('NOT_FOUND', '领取码无效或已领取');
    if (second) throw new AppError('CONFLICT', '领取码重复，请核对申请人');
    return step(ctx, {
      applicationId: only._id,
      step: 'collect',
      note: '',
      title: '已领取',
      body: (a) => `您申请的「${a.itemName}」已领取，感谢您的配合。`,
      change: (_a, at) => ({ collectedAt: at }),
    });
  },
});
