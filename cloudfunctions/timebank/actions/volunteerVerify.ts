import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { countVolunteerChange } from '../../_core/figures/counters';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireManage, ruleOf, STAFF, volunteerView, writeAudit, ZId } from '../core';

export const ZVolunteerVerifyInputSchema = z.strictObject({ userId: ZId });

export const volunteerVerify = defineAction({
  summary: '认证志愿者（授予志愿者身份，可发布活动）',
  input: ZVolunteerVerifyInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true, decides: 'verify' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const doc = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, input.userId);
      if (!doc) throw new AppError('NOT_FOUND', '志愿者不存在');
      requireManage(ctx.caller, doc.communityId);
      await assertNotForSelf(tx, ctx.caller, doc.userId, '不能认证自己（或自己代办的账号），请由另一名工作人员认证');
      if (doc.status === 'verified') throw new AppError('CONFLICT', '该志愿者已认证');
      const update = { status: 'verified' as const, verifiedBy: ctx.caller.userId, verifiedAt: at, updatedAt: at };
      await tx.updateById(TB_COLLECTIONS.volunteers, doc._id, { $set: update });
      await countVolunteerChange(tx, doc, { ...doc, ...update });
      const user = await tx.get<UserDoc>(COLLECTIONS.users, doc.userId);
      if (user && !user.grants.some((g) => g.role === 'volunteer' && g.communityId === doc.communityId)) {
        await tx.updateById(COLLECTIONS.users, user._id, {
          $set: { grants: [...user.grants, { role: 'volunteer', communityId: doc.communityId }], updatedAt: at },
        });
      }
      await writeAudit(tx, ctx, {
        id: auditId,
        at,
        action: 'volunteer.verify',
        communityId: doc.communityId,
        target: { collection: TB_COLLECTIONS.volunteers, id: doc._id },
      });
      const rule = await ruleOf(tx, doc.communityId);
      return volunteerView({ ...doc, ...update }, rule.starHours);
    });
  },
});
