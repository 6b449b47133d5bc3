import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { ERASED_NICKNAME, ERASED_USER_FIELDS } from '../../_core/domain/privacy';
import { PROXY_COLLECTIONS, type ProxyGrantDoc } from '../../_core/domain/proxy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export const ZDeleteMyAccountInputSchema = z.strictObject({
  /** The person types 注销 to confirm: an irreversible action needs an explicit word, not a tap. */
  confirm: z.literal('注销'),
});

/**
 * Erasure (PIPL): personal fields and roles are removed and the WeChat identity is unlinked, so
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
    // 代办 grants either way end with the account (found before: only id-based operations run in a
    // transaction). Each is re-read inside it, so one revoked meanwhile is left as it is.
    const grants = (
      await Promise.all([
        ctx.store.find<ProxyGrantDoc>(
          PROXY_COLLECTIONS.grants,
          { principalUserId: ctx.caller.userId, active: true },
          { limit: 100 },
        ),
        ctx.store.find<ProxyGrantDoc>(
          PROXY_COLLECTIONS.grants,
          { agentUserId: ctx.caller.userId, active: true },
          { limit: 100 },
        ),
      ])
    ).flat();
    await ctx.store.runTransaction(async (tx) => {
      for (const { _id } of grants) {
        const grant = await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, _id);
        if (grant?.active) {
          await tx.updateById(PROXY_COLLECTIONS.grants, _id, {
            $set: { active: false, revokedAt: now, updatedAt: now },
          });
        }
      }
      const user = await tx.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      const unset = Object.fromEntries(ERASED_USER_FIELDS.map((field) => [field, '']));
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
