import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { ERASED_NICKNAME, ERASED_USER_FIELDS } from '../../_core/domain/privacy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { erasePersonalData } from '../lib/erase';

export const ZDeleteMyAccountInputSchema = z.strictObject({
  /** The person types 注销 to confirm: an irreversible action needs an explicit word, not a tap. */
  confirm: z.literal('注销'),
});

/**
 * Erasure (PIPL): every personal field domain/personal-data.ts lists is deleted, blanked or
 * pseudonymised, pending redemptions are voided, roles go and the WeChat identity is unlinked, so
 * the next sign-in starts a new account. Ledger entries, reports and the like stay, pointing at
 * an anonymous user id, so balances and the community's records still add up.
 */
export const deleteMyAccount = defineAction({
  summary: '注销账号：清除个人信息，账目以匿名方式保留',
  input: ZDeleteMyAccountInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: true },
  allowWithoutConsent: true,
  handler: async (_input, ctx) => {
    const now = ctx.clock.now().toISOString();
    const before = await ctx.store.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
    if (!before) throw new AppError('NOT_FOUND', '用户不存在');
    // Everything domain/personal-data.ts lists, before the account itself: an erasure cut short
    // can be asked for again while the person can still sign in.
    await erasePersonalData(ctx, before.nickname);
    await ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      const unset = Object.fromEntries(ERASED_USER_FIELDS.map((field) => [field, '']));
      // The user record's own entry in PERSONAL_RECORDS: nickname pseudonymised, the rest removed.
      await tx.updateById(COLLECTIONS.users, user._id, {
        $set: { nickname: ERASED_NICKNAME, grants: [], erasedAt: now, updatedAt: now },
        $unset: unset,
      });
      // The openid → user link is the last personal identifier; it goes too.
      if (ctx.caller.openid) await tx.removeById(COLLECTIONS.identities, ctx.caller.openid);
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: ctx.newId(),
          at: now,
          actorUserId: user._id,
          action: 'identity.deleteMyAccount',
          communityId: user.communityId ?? null,
          target: { collection: COLLECTIONS.users, id: user._id },
        }),
      );
    });
    return { erased: true };
  },
});
