import { z } from 'zod';
import { COLLECTIONS } from '../../_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../../_core/domain/privacy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadProfile } from '../lib/loadProfile';

export const ZAcceptPrivacyInputSchema = z.strictObject({
  /** The version the person read; accepting an outdated notice is refused so they read the current one. */
  version: z.string().min(1).max(32),
});

export const acceptPrivacy = defineAction({
  summary: '同意隐私政策（记录版本和时间）',
  input: ZAcceptPrivacyInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: true },
  allowWithoutConsent: true,
  handler: async (input, ctx) => {
    if (input.version !== PRIVACY_NOTICE_VERSION) {
      throw new AppError('CONFLICT', '隐私政策已更新，请阅读最新版本后再同意');
    }
    const acceptedAt = ctx.clock.now().toISOString();
    await ctx.store.updateById(COLLECTIONS.users, ctx.caller.userId, {
      $set: { privacy: { version: input.version, acceptedAt }, updatedAt: acceptedAt },
    });
    return loadProfile(ctx);
  },
});
