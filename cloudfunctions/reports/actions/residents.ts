import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { communitiesWhere, holdsIn } from '../../_core/runtime/roles';
import { isStaffOf } from '../lib/access';

export const ZResidentsInputSchema = z.strictObject({
  /** Part of the nickname or the last digits of the phone number. */
  query: z.string().trim().min(1).max(20),
  communityId: z.string().min(1).max(64).optional(),
});

/**
 * Staff filing for a caller (phone call, visit) look the resident up by name or phone tail.
 * Phones stay masked; only the first 1,000 residents of the community are searched.
 */
export const residents = defineAction({
  summary: '代居民上报时查找本社区居民（按昵称或手机尾号）',
  input: ZResidentsInputSchema,
  roles: ['staff', 'admin'],
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? communitiesWhere(ctx.caller, 'staff').find((c) => c !== undefined);
    if (!communityId || !isStaffOf(ctx.caller, communityId)) throw new AppError('FORBIDDEN', '只能查找本社区的居民');
    const users = await ctx.store.find<UserDoc>(COLLECTIONS.users, { communityId }, { limit: 1000 });
    const q = input.query;
    const matches = users.filter(
      (u) =>
        holdsIn({ userId: u._id, grants: u.grants }, 'resident', communityId) &&
        (u.nickname.includes(q) || (/^\d{3,}$/.test(q) && Boolean(u.phone?.endsWith(q)))),
    );
    return {
      items: matches.slice(0, 20).map((u) => ({ userId: u._id, name: u.nickname, phoneMasked: maskPhone(u.phone) })),
    };
  },
});
