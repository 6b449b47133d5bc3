/**
 * Where, when and for how long approved redemptions are collected (爱心超市), per community.
 * Kept on the community's rubric document with its other shop settings; redeem.mine reads place
 * and hours live, while each approval fixes its own deadline from the days set at that moment.
 */
import { z } from 'zod';
import { DEFAULT_PICKUP, GC_COLLECTIONS, pickupProblem, type RubricDoc } from '../../_core/domain/greencoin';
import { STAFF, ZId } from '../../_core/redemption/schemas';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { staffCommunity, writeAudit } from '../core';

// Generous bounds here; the exact rules (with Chinese messages) are pickupProblem's, in the handler.
export const ZPickupSaveInputSchema = z.strictObject({
  communityId: ZId.optional(),
  place: z.string().max(200),
  hours: z.string().max(200),
  days: z.number().min(-1000).max(1000),
});

export const pickupSave = defineAction({
  summary: '设置本社区爱心超市的领取地点、开放时间和领取期限（已通过的兑换保留原期限）',
  input: ZPickupSaveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const pickup = { place: input.place.trim(), hours: input.hours.trim(), days: input.days };
    const wrong = pickupProblem(pickup);
    if (wrong) throw new AppError('INVALID_INPUT', wrong);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    await ctx.store.runTransaction(async (tx) => {
      const rubric = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, communityId);
      // The settings live with the published rubric; a community without one publishes it first.
      if (!rubric) throw new AppError('NOT_FOUND', '本社区尚未发布绿币评定细则，请先发布细则再设置领取信息');
      await tx.updateById(GC_COLLECTIONS.rubrics, communityId, { $set: { pickup, updatedAt: at } });
      await writeAudit(tx, ctx, {
        id: auditId,
        at,
        action: 'pickup.save',
        communityId,
        target: { collection: GC_COLLECTIONS.rubrics, id: communityId },
        details: { days: input.days, before: rubric.pickup?.days ?? DEFAULT_PICKUP.days },
      });
    });
    return { communityId, ...pickup, updatedAt: at };
  },
});
