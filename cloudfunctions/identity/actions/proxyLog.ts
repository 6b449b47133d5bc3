import { z } from 'zod';
import { PROXY_COLLECTIONS, PROXY_SCOPE_LABELS, type ProxyActionDoc } from '../../_core/domain/proxy';
import { defineAction } from '../../_core/runtime/define';
import { names } from '../lib/proxy';

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
