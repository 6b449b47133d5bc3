import { defineAction } from '../../_core/runtime/define';
import { decide, ZMoveDecideInputSchema } from '../lib/move';

export const moveApprove = defineAction({
  summary: '同意居民迁入本社区（须为新社区的另一名工作人员）',
  input: ZMoveDecideInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people', 'timebank', 'greencoin'], writes: true, decides: 'approve' },
  handler: (input, ctx) => decide(ctx, input, true),
});
