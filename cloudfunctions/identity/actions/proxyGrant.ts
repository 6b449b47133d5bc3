import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { isMemberOf } from '../../_core/domain/policy';
import {
  PROXY_COLLECTIONS,
  PROXY_SCOPE_LABELS,
  PROXY_SCOPES,
  type ProxyGrantDoc,
  proxyGrantId,
} from '../../_core/domain/proxy';
import { toCaller } from '../../_core/runtime/callers';
import { underCap } from '../../_core/runtime/caps';
import { defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import { PROXY_PAGE, ZUserId } from '../lib/proxy';

/** Grants a resident may make (or renew) per day: a helper or two, never a mailing list. */
export const PROXY_GRANTS_PER_DAY = 5;

export const ZProxyGrantInputSchema = z.strictObject({
  /** The helper's user id, which they read out from their own 我的 page. */
  agentUserId: ZUserId,
  scopes: z.array(z.enum(PROXY_SCOPES)).min(1).max(PROXY_SCOPES.length),
});

/** 代办授权: a resident lets a family member or their grid worker act for them; granting again replaces the scopes. */
export const proxyGrant = defineAction({
  summary: '授权家人或网格员代办（上报、兑换、报名），可随时撤销',
  input: ZProxyGrantInputSchema,
  roles: ['resident'],
  access: { scope: ['self'], touches: ['proxy'], writes: true },
  handler: async (input, ctx) => {
    if (input.agentUserId === ctx.caller.userId) throw new AppError('INVALID_INPUT', '不能授权给自己');
    const home = ctx.caller.communityId;
    if (!home) throw new AppError('FORBIDDEN', '请先选择所在社区');
    const since = new Date(ctx.clock.now().getTime() - 86_400_000).toISOString();
    // Counted and granted under the cap (caps.ts): parallel grants cannot all slip past it.
    const cap = {
      id: `proxy-grants:${ctx.caller.userId}`,
      limit: PROXY_GRANTS_PER_DAY,
      count: async () =>
        (
          await ctx.store.find<ProxyGrantDoc>(
            PROXY_COLLECTIONS.grants,
            { principalUserId: ctx.caller.userId, updatedAt: { $gte: since } },
            { limit: PROXY_GRANTS_PER_DAY },
          )
        ).length,
      refusal: () => new AppError('RATE_LIMITED', '今天的代办授权次数已用完，请明天再试'),
    };
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    const messageIds = { messageId: ctx.newId(), outboxId: ctx.newId() };
    const scopes = [...new Set(input.scopes)];
    const id = proxyGrantId(ctx.caller.userId, input.agentUserId);
    const agentName = await underCap(ctx.store, cap, (claim) =>
      ctx.store.runTransaction(async (tx) => {
        await claim(tx);
        const agent = await tx.get<UserDoc>(COLLECTIONS.users, input.agentUserId);
        // Only someone of the resident's own community (a family member living there, their grid
        // worker); anyone else answers exactly like an unknown id, so ids reveal no one's name.
        if (!agent || !isMemberOf(toCaller(agent), home)) {
          throw new AppError('NOT_FOUND', '没有找到本社区的这位用户，请核对对方「我的」页上的用户编号');
        }
        const principal = await tx.get<UserDoc>(COLLECTIONS.users, ctx.caller.userId);
        const existing = await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, id);
        if (existing) {
          await tx.updateById(PROXY_COLLECTIONS.grants, id, {
            $set: { scopes, active: true, revokedAt: null, updatedAt: at },
          });
        } else {
          await tx.insert<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, {
            _id: id,
            principalUserId: ctx.caller.userId,
            agentUserId: input.agentUserId,
            scopes,
            active: true,
            createdAt: at,
            updatedAt: at,
            revokedAt: null,
          });
        }
        await tx.insert(
          AUDIT_COLLECTION,
          auditEntry({
            id: auditId,
            at,
            actorUserId: ctx.caller.userId,
            action: 'identity.proxy.grant',
            communityId: ctx.caller.communityId ?? null,
            target: { collection: PROXY_COLLECTIONS.grants, id },
            details: { scopes: scopes.join(',') },
          }),
        );
        // The helper learns at once that they may act, and for what.
        await deliverMessage(tx, {
          ...messageIds,
          userId: input.agentUserId,
          kind: 'general',
          title: `${principal?.nickname ?? '一位居民'}授权您代办`,
          body: `可代办：${scopes.map((s) => PROXY_SCOPE_LABELS[s]).join('、')}。每次代办都会记入对方的代办记录。`,
          link: PROXY_PAGE,
          at,
        });
        return agent.nickname;
      }),
    );
    return { agentUserId: input.agentUserId, agentName, scopes, active: true };
  },
});
