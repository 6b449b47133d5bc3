import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import type { RoleGrant } from '../../_core/domain/roles';
import { type OfficerDoc, officerDocId, SCHEMES, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireDesignator } from '../lib/access';
import { auditDesignation, sameGrant, ZOfficerInputSchema } from '../lib/officers';

function officerGrant(scheme: string, communityId?: string): RoleGrant {
  return communityId ? { role: 'tip_officer', scheme, communityId } : { role: 'tip_officer', scheme };
}

/** A street/city admin designates an officer for one scheme (never themselves, nor a proxy-linked account); audited. */
export const grantOfficer = defineAction({
  summary: '指定某一奖励类别的举报受理员',
  input: ZOfficerInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['tips', 'people'], writes: true },
  handler: async (input, ctx) => {
    requireDesignator(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user || user.erasedAt) throw new AppError('NOT_FOUND', '用户不存在');
      // A tip officer sees tipsters' identities: whoever designates is a second person.
      await assertNotForSelf(tx, ctx.caller, user._id, '不能指定本人（或自己代办的账号）为举报受理员');
      if (input.communityId && !(await tx.get(COLLECTIONS.communities, input.communityId))) {
        throw new AppError('NOT_FOUND', '社区不存在');
      }
      const already = user.grants.some((g) => sameGrant(g, input.scheme, input.communityId));
      const grants = already ? user.grants : [...user.grants, officerGrant(input.scheme, input.communityId)];
      if (!already) await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      const designation = officerDocId(user._id, input.scheme, input.communityId);
      // A grant made before the list existed gets its row on the next designation.
      if (!(await tx.get(TIP_COLLECTIONS.officers, designation))) {
        await tx.insert<OfficerDoc>(TIP_COLLECTIONS.officers, {
          _id: designation,
          userId: user._id,
          scheme: input.scheme,
          communityId: input.communityId ?? null,
          designatedBy: ctx.caller.userId,
          designatedAt: at,
        });
      }
      await auditDesignation(tx, ctx, {
        id: auditId,
        at,
        action: 'tips.officer.grant',
        userId: user._id,
        input,
        details: { scheme: input.scheme, already },
      });
      return { userId: user._id, scheme: input.scheme, schemeName: SCHEMES[input.scheme].name, already };
    });
  },
});
