import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { decideAward, STAFF, ZId } from '../lib/awards';

export const ZAwardApproveInputSchema = z.strictObject({ awardId: ZId });

export const awardApprove = defineAction({
  summary: '复核通过一笔大额评定（须为另一名工作人员）',
  input: ZAwardApproveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true, decides: 'approve' },
  handler: (input, ctx) => decideAward(ctx, input.awardId, 'approve', null),
});
