import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { PROXY_COLLECTIONS, type ProxyGrantDoc, proxyGrantId } from '../../_core/domain/proxy';
import { defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import { PROXY_PAGE, ZUserId } from '../lib/proxy';

export const ZProxyRevokeInputSchema = z.strictObject({ agentUserId: ZUserId });

/** Revocation takes effect at once: every proxied action re-reads the grant in its transaction. */
export const proxyRevoke = defineAction({
  summary: '撤销代办授权（立即生效）',
  input: ZProxyRevokeInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['proxy'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    const messageIds = { messageId: ctx.newId(), outboxId: ctx.newId() };
    const id = proxyGrantId(ctx.caller.userId, input.agentUserId);
    await ctx.store.runTransaction(async (tx) => {
      const grant = await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, id);
      if (!grant) throw new AppError('NOT_FOUND', '没有这项代办授权');
      if (!grant.active) return; // already revoked: exactly once
      await tx.updateById(PROXY_COLLECTIONS.grants, id, { $set: { active: false, revokedAt: at, updatedAt: at } });
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at,
          actorUserId: ctx.caller.userId,
          action: 'identity.proxy.revoke',
          communityId: ctx.caller.communityId ?? null,
          target: { collection: PROXY_COLLECTIONS.grants, id },
        }),
      );
      const principal = await tx.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
      await deliverMessage(tx, {
        ...messageIds,
        userId: input.agentUserId,
        kind: 'general',
        title: `${principal?.nickname ?? '一位居民'}已撤销代办授权`,
        body: '您不能再以对方的名义办理任何事项。',
        link: PROXY_PAGE,
        at,
      });
    });
    return { agentUserId: input.agentUserId, active: false };
  },
});
