import { z } from 'zod';
import { SAFETY_COLLECTIONS } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isExpired, type UnitDoc, unitView } from '../lib/units';
import { ZId } from './apply';

export const ZReapplyInputSchema = z.strictObject({ unitId: ZId });

/** The applicant asks again after a failed evaluation or once the award's year is over. */
export const reapply = defineAction({
  summary: '未通过或到期后重新申请评定',
  input: ZReapplyInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['safety'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const u = await tx.get<UnitDoc>(SAFETY_COLLECTIONS.units, input.unitId);
      if (!u || u.applicantUserId !== ctx.caller.userId) throw new AppError('NOT_FOUND', '申请不存在');
      if (u.status !== 'failed' && !isExpired(u, at)) {
        throw new AppError('CONFLICT', u.status === 'applied' ? '申请正在等待评定' : '称号仍在有效期内');
      }
      await tx.updateById(SAFETY_COLLECTIONS.units, u._id, {
        $set: { status: 'applied', appliedAt: at, updatedAt: at },
      });
      return unitView(ctx, { ...u, status: 'applied', appliedAt: at, updatedAt: at });
    });
  },
});
