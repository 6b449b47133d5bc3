import { z } from 'zod';
import { COLLECTIONS } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadProfile } from '../lib/loadProfile';

export const ZUpdateProfileInputSchema = z
  .strictObject({
    // One line: a name is shown inline to others (queues, messages); a line break could fake a second line.
    nickname: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[^\n\r\t]*$/, '昵称不能包含换行')
      .optional(),
    /** Mainland mobile number; an empty string removes it. */
    phone: z.union([z.string().regex(/^1[3-9]\d{9}$/), z.literal('')]).optional(),
  })
  .refine((input) => input.nickname !== undefined || input.phone !== undefined, { message: '没有要修改的内容' });

export const updateProfile = defineAction({
  summary: '修改昵称和手机号（他人只能看到打码后的手机号）',
  input: ZUpdateProfileInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    const set: Record<string, string> = { updatedAt: ctx.clock.now().toISOString() };
    const unset: Record<string, ''> = {};
    if (input.nickname !== undefined) set.nickname = input.nickname;
    if (input.phone === '') unset.phone = '';
    else if (input.phone !== undefined) set.phone = input.phone;
    const update = Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set };
    const found = await ctx.store.updateById(COLLECTIONS.users, ctx.caller.userId, update);
    if (!found) throw new AppError('NOT_FOUND', '用户不存在');
    return loadProfile(ctx);
  },
});
