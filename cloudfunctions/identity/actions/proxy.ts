import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { isMemberOf } from '../../_core/domain/policy';
import {
  PROXY_COLLECTIONS,
  PROXY_SCOPE_LABELS,
  PROXY_SCOPES,
  type ProxyActionDoc,
  type ProxyGrantDoc,
  proxyGrantId,
} from '../../_core/domain/proxy';
import { toCaller } from '../../_core/runtime/callers';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';

const ZUserId = z.string().min(1).max(64);

/** Grants a resident may make (or renew) per day: a helper or two, never a mailing list. */
export const PROXY_GRANTS_PER_DAY = 5;

/** Where a helper sees whom they may act for. */
const PROXY_PAGE = '/packages/care/proxy/index';

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
    const recent = await ctx.store.find<ProxyGrantDoc>(
      PROXY_COLLECTIONS.grants,
      { principalUserId: ctx.caller.userId, updatedAt: { $gte: since } },
      { limit: PROXY_GRANTS_PER_DAY },
    );
    if (recent.length >= PROXY_GRANTS_PER_DAY)
      throw new AppError('RATE_LIMITED', '今天的代办授权次数已用完，请明天再试');
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    const messageIds = { messageId: ctx.newId(), outboxId: ctx.newId() };
    const scopes = [...new Set(input.scopes)];
    const id = proxyGrantId(ctx.caller.userId, input.agentUserId);
    const agentName = await ctx.store.runTransaction(async (tx) => {
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
    });
    return { agentUserId: input.agentUserId, agentName, scopes, active: true };
  },
});

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

export const ZProxyListInputSchema = z.strictObject({
  /** One window over both lists: a grid worker may help many residents. */
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

async function names(ctx: ActionContext, ids: string[]) {
  const found = await Promise.all(ids.map((id) => ctx.store.get<UserDoc>(COLLECTIONS.users, id)));
  return new Map(found.filter((u): u is UserDoc => !!u).map((u) => [u._id, u.nickname]));
}

/** Who may act for me, and for whom I may act (active grants only). */
export const proxyList = defineAction({
  summary: '我的代办授权：我授权的人、授权我的人',
  input: ZProxyListInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['proxy'], writes: false },
  handler: async (input, ctx) => {
    const page = { orderBy: [['_id', 'asc']] as const, skip: input.skip, limit: input.limit + 1 };
    const [givenRows, receivedRows] = await Promise.all([
      ctx.store.find<ProxyGrantDoc>(
        PROXY_COLLECTIONS.grants,
        { principalUserId: ctx.caller.userId, active: true },
        page,
      ),
      ctx.store.find<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, { agentUserId: ctx.caller.userId, active: true }, page),
    ]);
    const given = givenRows.slice(0, input.limit);
    const received = receivedRows.slice(0, input.limit);
    const who = await names(ctx, [...given.map((g) => g.agentUserId), ...received.map((g) => g.principalUserId)]);
    const view = (g: ProxyGrantDoc, other: string) => ({
      userId: other,
      name: who.get(other) ?? '已注销用户',
      scopes: g.scopes,
      scopeLabels: g.scopes.map((s) => PROXY_SCOPE_LABELS[s]),
      since: g.updatedAt,
    });
    return {
      given: given.map((g) => view(g, g.agentUserId)),
      received: received.map((g) => view(g, g.principalUserId)),
      hasMore: givenRows.length > input.limit || receivedRows.length > input.limit,
    };
  },
});

export const ZProxyLogInputSchema = z.strictObject({
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** 代办记录: everything helpers did in my name, newest first. */
export const proxyLog = defineAction({
  summary: '代办记录：别人以我的名义做过的事',
  input: ZProxyLogInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['proxy'], writes: false },
  handler: async (input, ctx) => {
    const rows = await ctx.store.find<ProxyActionDoc>(
      PROXY_COLLECTIONS.actions,
      { principalUserId: ctx.caller.userId },
      { orderBy: [['at', 'desc']], skip: input.skip, limit: input.limit + 1 },
    );
    const page = rows.slice(0, input.limit);
    const who = await names(ctx, [...new Set(page.map((r) => r.agentUserId))]);
    return {
      items: page.map((r) => ({
        id: r._id,
        at: r.at,
        agentName: who.get(r.agentUserId) ?? '已注销用户',
        scope: r.scope,
        scopeLabel: PROXY_SCOPE_LABELS[r.scope],
        action: r.action,
        summary: r.summary,
        target: r.target,
      })),
      hasMore: rows.length > input.limit,
    };
  },
});
