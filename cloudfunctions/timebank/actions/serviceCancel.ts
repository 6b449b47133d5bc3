import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { ZId } from '../core';
import { transition } from '../lib/services';

export const ZServiceCancelInputSchema = z.strictObject({ requestId: ZId });
export const serviceCancel = defineAction({
  summary: '审核前取消自己的服务兑换申请（积分退回）',
  input: ZServiceCancelInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'cancel' }),
});
