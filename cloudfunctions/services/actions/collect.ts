import { z } from 'zod';
import { COLLECTIONS } from '../../_core/domain/people';
import { type ApplicationDoc, SERVICE_COLLECTIONS } from '../../_core/domain/services';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError, WrongCodeError } from '../../_core/runtime/errors';
import { guessPickupCode } from '../../_core/runtime/guesses';
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
    const now = ctx.clock.now();
    const target = { collection: COLLECTIONS.communities, id: communityId };
    // The code alone searches the community's open applications: every miss is a guess, counted
    // before the search (guesses.ts), so a clerk's account cannot run through the codes.
    const applicationId = await guessPickupCode(
      ctx.store,
      now,
      {
        kind: 'collect',
        staffId: ctx.caller.userId,
        on: { communityId },
        lockout: { action: 'services.collect.locked', communityId, target },
      },
      () => findByCode(ctx, communityId, input.pickupCode),
    );
    return step(ctx, {
      applicationId,
      step: 'collect',
      note: '',
      title: '已领取',
      body: (a) => `您申请的「${a.itemName}」已领取，感谢您的配合。`,
      change: (_a, at) => ({ collectedAt: at }),
    });
  },
});

async function findByCode(ctx: ActionContext, communityId: string, pickupCode: string): Promise<string> {
  const found = await ctx.store.find<ApplicationDoc>(
    SERVICE_COLLECTIONS.applications,
    { communityId, pickupCode, status: 'approved' },
    { limit: 2 },
  );
  const [only, second] = found;
  if (!only) throw new WrongCodeError('领取码无效或已领取', 'NOT_FOUND');
  if (second) throw new AppError('CONFLICT', '领取码重复，请核对申请人');
  return only._id;
}
