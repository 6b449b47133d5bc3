import { z } from 'zod';
import { PROXY_COLLECTIONS, PROXY_SCOPE_LABELS, type ProxyGrantDoc } from '../../_core/domain/proxy';
import { defineAction } from '../../_core/runtime/define';
import { names } from '../lib/proxy';

export const ZProxyListInputSchema = z.strictObject({
  /** One window over both lists: a grid worker may help many residents. */
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

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
