import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, ZId } from '../core';
import { transition } from '../lib/services';

export const ZServiceApproveInputSchema = z.strictObject({ requestId: ZId });
export const serviceApprove = defineAction({
  summary: '审核通过服务兑换（扣除冻结的时间积分）',
  input: ZServiceApproveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true, decides: 'approve' },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'approve' }),
});
