import { z } from 'zod';
import { COLLECTIONS } from '../../_core/domain/people';
import { DEFAULT_RULE, type RuleDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { readTimebankFigures } from '../../_core/figures/counters';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { homeCommunity, ruleOf, STAFF, staffCommunity, writeAudit, ZId } from '../core';

export const ZRuleGetInputSchema = z.strictObject({});

export const ruleGet = defineAction({
  summary: '本社区公布的积分与星级规则',
  input: ZRuleGetInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (_input, ctx) => ruleOf(ctx.store, homeCommunity(ctx.caller)),
});

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

export const ZFiguresInputSchema = z.strictObject({ communityId: ZId.optional() });

export const figures = defineAction({
  summary: '时间银行统计（志愿者登记占居民比例、人均志愿时长）',
  input: ZFiguresInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['figures', 'timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    // The (community, shard) counters the changes keep (issue 19), not a page through every volunteer.
    const [residents, counters] = await Promise.all([
      ctx.store.count(COLLECTIONS.users, { communityId }),
      readTimebankFigures(ctx.store, [communityId]),
    ]);
    const c = counters.get(communityId);
    const volunteers = c?.volunteers ?? 0;
    const verified = c?.verified ?? 0;
    const totalMinutes = c?.minutes ?? 0;
    return {
      communityId,
      residents,
      volunteers,
      verified,
      /** Percent with one decimal, e.g. 37.6. */
      registeredShare: residents ? Math.round((volunteers * 1000) / residents) / 10 : 0,
      totalHours: Math.round(totalMinutes / 6) / 10,
      averageHours: volunteers ? Math.round(totalMinutes / volunteers / 6) / 10 : 0,
    };
  },
});
