import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { communitiesWhere } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isStaffOf } from '../lib/access';

export const ZResidentsInputSchema = z.strictObject({
  /** Part of the nickname or the last 3–4 digits of the phone number (尾号). */
  query: z.string().trim().min(1).max(20),
  communityId: z.string().min(1).max(64).optional(),
  skip: z.number().int().min(0).max(1000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/**
 * A phone tail is matched only as long as the masked number shows it (138****5678: the last four).
 * A longer tail would be an oracle: staff could read the hidden middle digits one query at a time.
 */
const PHONE_TAIL = /^\d{3,4}$/;

/** Escapes a typed name for a regular expression, so `.` or `(` match themselves. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Staff filing for a caller (phone call, visit) look the resident up by name or phone tail.
 * Phones stay masked. The database does the matching within the community (indexed on
 * communityId), so every resident is found however large the community.
 */
export const residents = defineAction({
  summary: '代居民上报时查找本社区居民（按昵称或手机尾号）',
  input: ZResidentsInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? communitiesWhere(ctx.caller, 'staff').find((c) => c !== undefined);
    if (!communityId || !isStaffOf(ctx.caller, communityId)) throw new AppError('FORBIDDEN', '只能查找本社区的居民');
    const q = input.query;
    const byName = { nickname: { $regex: literal(q) } };
    const users = await ctx.store.find<UserDoc>(
      COLLECTIONS.users,
      {
        communityId,
        grants: { $elemMatch: { role: 'resident', communityId } },
        ...(PHONE_TAIL.test(q) ? { $or: [byName, { phone: { $regex: `${q}$` } }] } : byName),
      },
      { orderBy: [['_id', 'asc']], skip: input.skip, limit: input.limit + 1 },
    );
    return {
      items: users
        .slice(0, input.limit)
        .map((u) => ({ userId: u._id, name: u.nickname, phoneMasked: maskPhone(u.phone) })),
      hasMore: users.length > input.limit,
    };
  },
});
