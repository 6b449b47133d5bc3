import { z } from 'zod';
import { DEFAULT_RULE, type RuleDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { STAFF, staffCommunity, writeAudit, ZId } from '../core';

export const ZRuleSaveInputSchema = z.strictObject({
  communityId: ZId.optional(),
  minutesPerPoint: z.number().int().min(1).max(600).default(DEFAULT_RULE.minutesPerPoint),
  starHours: z.array(z.number().int().min(1).max(100_000)).length(5),
});

export const ruleSave = defineAction({
  summary: '设置本社区的积分规则与星级门槛（小时）',
  input: ZRuleSaveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    for (let i = 1; i < input.starHours.length; i += 1) {
      if ((input.starHours[i] as number) <= (input.starHours[i - 1] as number)) {
        throw new AppError('INVALID_INPUT', '星级门槛须逐级递增');
      }
    }
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const values = {
        minutesPerPoint: input.minutesPerPoint,
        starHours: input.starHours,
        updatedAt: at,
        updatedBy: ctx.caller.userId,
      };
      const existing = await tx.get<RuleDoc>(TB_COLLECTIONS.rules, communityId);
      if (existing) await tx.updateById(TB_COLLECTIONS.rules, communityId, { $set: values });
      else await tx.insert<RuleDoc>(TB_COLLECTIONS.rules, { _id: communityId, ...values });
      await writeAudit(tx, ctx, {
        id: auditId,
        at,
        action: 'rule.save',
        communityId,
        target: { collection: TB_COLLECTIONS.rules, id: communityId },
        details: { minutesPerPoint: input.minutesPerPoint, starHours: input.starHours.join(',') },
      });
      return { minutesPerPoint: values.minutesPerPoint, starHours: values.starHours };
    });
  },
});
