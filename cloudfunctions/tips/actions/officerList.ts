import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { type OfficerDoc, SCHEMES, TIP_COLLECTIONS, TIP_SCHEMES } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { requireDesignator } from '../lib/access';

export const ZOfficerListInputSchema = z.strictObject({
  scheme: z.enum(TIP_SCHEMES),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The officers designated for one scheme, for the designating admins: names and masked phones. */
export const officerList = defineAction({
  summary: '某一奖励类别的举报受理员名单',
  input: ZOfficerListInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['tips', 'people'], writes: false },
  handler: async (input, ctx) => {
    requireDesignator(ctx.caller);
    const rows = await ctx.store.find<OfficerDoc>(
      TIP_COLLECTIONS.officers,
      { scheme: input.scheme },
      {
        orderBy: [
          ['designatedAt', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const items = [];
    for (const row of rows.slice(0, input.limit)) {
      const [user, community] = await Promise.all([
        ctx.store.get<UserDoc>(COLLECTIONS.users, row.userId),
        row.communityId ? ctx.store.get<{ _id: string; name: string }>(COLLECTIONS.communities, row.communityId) : null,
      ]);
      items.push({
        userId: row.userId,
        name: user?.nickname ?? '',
        phoneMasked: maskPhone(user?.phone) ?? null,
        scheme: row.scheme,
        communityId: row.communityId,
        area: community?.name ?? '全街道',
        designatedAt: row.designatedAt,
        mine: row.userId === ctx.caller.userId,
      });
    }
    return { scheme: input.scheme, schemeName: SCHEMES[input.scheme].name, items, hasMore: rows.length > input.limit };
  },
});
