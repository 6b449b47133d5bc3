import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { decideAward, STAFF, ZId } from '../lib/awards';

export const ZAwardRejectInputSchema = z.strictObject({ awardId: ZId, reason: z.string().trim().min(1).max(200) });

export const awardReject = defineAction({
  summary: '复核不通过一笔大额评定（须写明原因）',
  input: ZAwardRejectInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: (input, ctx) => decideAward(ctx, input.awardId, 'reject', input.reason),
});
