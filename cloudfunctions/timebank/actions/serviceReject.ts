import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { STAFF, ZId } from '../core';
import { transition } from '../lib/services';

export const ZServiceRejectInputSchema = z.strictObject({ requestId: ZId, reason: z.string().trim().min(1).max(200) });
export const serviceReject = defineAction({
  summary: '驳回服务兑换（须写明原因，积分退回）',
  input: ZServiceRejectInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'reject', reason: input.reason }),
});
