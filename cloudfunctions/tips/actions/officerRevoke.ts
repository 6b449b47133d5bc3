import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { officerDocId, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireDesignator } from '../lib/access';
import { auditDesignation, sameGrant, ZOfficerInputSchema } from '../lib/officers';

/** Withdraws an officer's designation for a scheme; audited. */
export const officerRevoke = defineAction({
  summary: '撤销举报受理员的指定',
  input: ZOfficerInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['tips', 'people'], writes: true },
  handler: async (input, ctx) => {
    requireDesignator(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user?.grants.some((g) => sameGrant(g, input.scheme, input.communityId))) {
        throw new AppError('NOT_FOUND', '该用户不是这一类别的举报受理员');
      }
      await assertNotForSelf(tx, ctx.caller, user._id, '不能撤销本人（或自己代办的账号）的指定，请由另一名管理员处理');
      const grants = user.grants.filter((g) => !sameGrant(g, input.scheme, input.communityId));
      await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      const designation = officerDocId(user._id, input.scheme, input.communityId);
      if (await tx.get(TIP_COLLECTIONS.officers, designation))
        await tx.removeById(TIP_COLLECTIONS.officers, designation);
      await auditDesignation(tx, ctx, {
        id: auditId,
        at,
        action: 'tips.officer.revoke',
        userId: user._id,
        input,
        details: { scheme: input.scheme },
      });
      return { userId: user._id, scheme: input.scheme };
    });
  },
});
