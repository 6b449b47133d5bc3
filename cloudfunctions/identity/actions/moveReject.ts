import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { decide, ZMoveDecideInputSchema } from '../lib/move';

export const moveReject = defineAction({
  summary: '不同意居民迁入本社区（须说明原因）',
  input: ZMoveDecideInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: true },
  handler: (input, ctx) => {
    if (!input.reason) throw new AppError('INVALID_INPUT', '请说明不同意的原因');
    return decide(ctx, input, false);
  },
});
