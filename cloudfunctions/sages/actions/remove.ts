import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { changeTerm, ZId, ZReason } from '../lib/select';

export const ZRemoveInputSchema = z.strictObject({ appointmentId: ZId, reason: ZReason });

/** The street ends an appointment with a reason; the supervisor role goes with it. */
export const remove = defineAction({
  summary: '街道解聘乡贤监督员（说明理由，收回监督权限）',
  input: ZRemoveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['sages', 'people'], writes: true, decides: 'grant' },
  handler: (input, ctx) =>
    changeTerm(ctx, input.appointmentId, '不能解聘本人（或自己代办的账号）', (doc, at) => {
      if (doc.status !== 'active') throw new AppError('CONFLICT', doc.status === 'removed' ? '已解聘' : '任期已届满');
      return {
        update: { status: 'removed' as const, removedReason: input.reason },
        change: { kind: 'remove' as const, reason: input.reason, termEnd: at },
        grant: false,
        message: { title: '乡贤监督员聘任已解除', body: `解聘理由：${input.reason}` },
        action: 'sages.remove',
        details: {},
      };
    }),
});
