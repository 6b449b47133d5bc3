import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { loadVisibleReport } from '../lib/access';
import { toDetail } from '../lib/views';

export const ZGetInputSchema = z.strictObject({ reportId: z.string().min(1).max(64) });

export const get = defineAction({
  summary: '事项详情：进度时间线、办理时限、可进行的操作',
  input: ZGetInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'member', 'grid', 'staff', 'supervisor'], touches: ['reports'], writes: false },
  handler: async (input, ctx) => toDetail(ctx, await loadVisibleReport(ctx.store, ctx.caller, input.reportId)),
});
