import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, ZId } from '../core';
import { transition } from '../lib/services';

export const ZServiceFulfilInputSchema = z.strictObject({ requestId: ZId });
export const serviceFulfil = defineAction({
  summary: '登记服务已完成',
  input: ZServiceFulfilInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'fulfil' }),
});
