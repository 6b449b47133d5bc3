import { z } from 'zod';
import { refuse } from '../../_core/domain/decision';
import { chinaMinute, GC_COLLECTIONS, type RedemptionDoc } from '../../_core/domain/greencoin';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { canManage } from '../../_core/redemption/access';
import { STAFF, ZId } from '../../_core/redemption/schemas';
import { loadForTransition } from '../../_core/redemption/workflow';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError, WrongCodeError } from '../../_core/runtime/errors';
import { guessPickupCode } from '../../_core/runtime/guesses';
import { GOODS, redemptionView, staffCommunity, writeAudit } from '../core';

export const ZRedeemPickupInputSchema = z.strictObject({
  pickupCode: z.string().regex(/^\d{6}$/),
  /** When known (scanned from the resident's screen), checked against the code. */
  redemptionId: ZId.optional(),
  communityId: ZId.optional(),
});
/** At the counter an unknown request reads as an unknown code. */
const UNKNOWN_CODE = '领取码无效或已领取';
const AT_COUNTER = { ...GOODS, notFound: UNKNOWN_CODE };

/**
 * The approved request a code names in the staff member's community (codes are unique per open
 * request). No match is a wrong guess: it keeps the slot the guess took.
 */
async function findByCode(ctx: ActionContext, communityId: string, code: string): Promise<string> {
  const found = await ctx.store.find<RedemptionDoc>(
    GC_COLLECTIONS.redemptions,
    { communityId, pickupCode: code, status: 'approved' },
    { limit: 2 },
  );
  const [only, second] = found;
  if (!only) throw new WrongCodeError(UNKNOWN_CODE, 'NOT_FOUND');
  if (second) throw new AppError('CONFLICT', '领取码重复，请核对兑换单');
  return only._id;
}

/**
 * Why a loaded request cannot be handed over, in the counter's words (more precise than the
 * table's): a wrong code or community reads as an unknown code; past the deadline the goods are no
 * longer the resident's, even before the sweep has run.
 */
function checkHandOver(ctx: ActionContext, doc: RedemptionDoc, code: string, now: string) {
  if (!canManage(ctx.caller, doc.communityId)) return refuse('NOT_FOUND', UNKNOWN_CODE);
  // The one comparison with the code: a wrong one is a guess (it keeps its slot, guesses.ts).
  if (doc.pickupCode !== code) throw new WrongCodeError(UNKNOWN_CODE, 'NOT_FOUND');
  if (doc.status === 'picked_up') return refuse('CONFLICT', '该商品已领取');
  if (doc.status === 'expired' && doc.refund) {
    return refuse('CONFLICT', '已超过领取期限，该兑换已取消，绿币已退回居民');
  }
  if (doc.status !== 'approved') return refuse('CONFLICT', '该申请尚未通过审核');
  if (doc.pickupBy && now > doc.pickupBy) {
    return refuse(
      'CONFLICT',
      `已超过领取期限（${chinaMinute(doc.pickupBy)}），不能再领取；绿币将自动退回居民，如需商品请重新申请兑换`,
    );
  }
  return undefined;
}

export const redeemPickup = defineAction({
  summary: '凭领取码确认居民已领取商品',
  input: ZRedeemPickupInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    // Every comparison with a code is a guess, counted before it is made (guesses.ts): per staff
    // member and request, per request, or per staff member and community for the code alone.
    if (!input.redemptionId) {
      const communityId = staffCommunity(ctx.caller, input.communityId);
      const target = { collection: COLLECTIONS.communities, id: communityId };
      const id = await guessPickupCode(
        ctx.store,
        now,
        {
          kind: 'redeem',
          staffId: ctx.caller.userId,
          on: { communityId },
          lockout: { action: LOCKED, communityId, target },
        },
        () => findByCode(ctx, communityId, input.pickupCode),
      );
      return handOver(ctx, id, input.pickupCode);
    }
    const id = input.redemptionId;
    // A request the staff member cannot manage (or none) is answered without counting a guess.
    const known = await ctx.store.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, id);
    if (!known || !canManage(ctx.caller, known.communityId)) throw new AppError('NOT_FOUND', UNKNOWN_CODE);
    const target = { collection: GC_COLLECTIONS.redemptions, id };
    return guessPickupCode(
      ctx.store,
      now,
      {
        kind: 'redeem',
        staffId: ctx.caller.userId,
        on: { requestId: id },
        lockout: { action: LOCKED, communityId: known.communityId, target },
      },
      () => handOver(ctx, id, input.pickupCode),
    );
  },
});

const LOCKED = 'redeem.pickup.locked';

/** Hands the goods over in one transaction, the code compared against the loaded request. */
async function handOver(ctx: ActionContext, id: string, pickupCode: string) {
  const now = ctx.clock.now().toISOString();
  const auditId = ctx.newId();
  return ctx.store.runTransaction(async (tx) => {
    const { doc, status } = await loadForTransition(tx, AT_COUNTER, {
      id,
      event: 'pickup',
      actor: ctx.caller,
      authorize: (d: RedemptionDoc) => checkHandOver(ctx, d, pickupCode, now),
    });
    const update = { status, pickedUpAt: now, pickedUpBy: ctx.caller.userId };
    await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: update });
    await writeAudit(tx, ctx, {
      id: auditId,
      at: now,
      action: 'redeem.pickup',
      communityId: doc.communityId,
      target: { collection: GC_COLLECTIONS.redemptions, id: doc._id },
      details: { quantity: doc.quantity },
    });
    const owner = await tx.get<UserDoc>(COLLECTIONS.users, doc.userId);
    return redemptionView({ ...doc, ...update }, { showCode: false, requester: owner?.nickname ?? '' });
  });
}
