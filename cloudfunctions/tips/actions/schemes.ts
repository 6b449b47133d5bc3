import { z } from 'zod';
import { SCHEMES, TIP_SCHEMES } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';

/** The published schemes and their levels: public, so a tipster knows what a tip can earn. */
export const schemes = defineAction({
  summary: '举报奖励类别及公开的奖励等级',
  input: z.strictObject({}),
  roles: 'authenticated',
  access: { scope: ['any'], touches: ['tips'], writes: false },
  handler: async () => ({ schemes: TIP_SCHEMES.map((id) => SCHEMES[id]) }),
});
