import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { CLERKS, step, ZId } from '../lib/handle';

export const ZRefuseInputSchema = z.strictObject({
  applicationId: ZId,
  reason: z.string().trim().min(2).max(200),
});

/** Not possible (not eligible, not this office's business): the reason is told and kept. */
export const refuse = defineAction({
  summary: '不予办理（须说明理由）',
  input: ZRefuseInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: (input, ctx) =>
    step(ctx, {
      applicationId: input.applicationId,
      step: 'refuse',
      note: input.reason,
      title: '申请不予办理',
      body: (a) => `您申请的「${a.itemName}」不予办理：${input.reason}`,
      change: (_a, at) => ({ decidedAt: at, decidedBy: ctx.caller.userId, refusedReason: input.reason }),
    }),
});
