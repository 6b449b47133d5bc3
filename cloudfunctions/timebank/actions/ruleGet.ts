import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { homeCommunity, ruleOf } from '../core';

export const ZRuleGetInputSchema = z.strictObject({});

export const ruleGet = defineAction({
  summary: '本社区公布的积分与星级规则',
  input: ZRuleGetInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (_input, ctx) => ruleOf(ctx.store, homeCommunity(ctx.caller)),
});
