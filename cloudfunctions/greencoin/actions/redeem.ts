import { z } from 'zod';
import {
  chinaMinute,
  DEFAULT_PICKUP,
  GC_COLLECTIONS,
  type GoodsDoc,
  limitKey,
  pickupCodeFrom,
  pickupDeadline,
  REDEMPTION_STATUSES,
  type RedemptionDoc,
  type RubricDoc,
} from '../../_core/domain/greencoin';
import { type CarriedDoc, lockedOutside, MOVE_COLLECTIONS } from '../../_core/domain/moves';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { balanceOf, hold, idempotent, sinkAccount, userAccount } from '../../_core/ledger';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { actAsPrincipal, recordProxyAction } from '../../_core/runtime/proxy';
import type { TxStore } from '../../_core/store/docstore';
import {
  approveRedemption,
  canManage,
  newTransitionIds,
  notify,
  type RedemptionView,
  redemptionView,
  releaseRedemption,
  requireManage,
  returnApprovedRedemption,
  staffCommunity,
  writeAudit,
} from '../core';
import { reserveStock } from '../stock';
import { sweepExpired } from '../sweep';

/** Ids of users, communities and documents: plain characters only (they become parts of account ids). */
const ZId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);
/** Made by the client, one per intended write (a UUID is ideal). */
const ZIdempotencyKey = z.string().min(1).max(128);
const STAFF = ['staff', 'admin'] as const;
const DEFAULT_EXPIRY_HOURS = 72;

export const ZRedeemRequestInputSchema = z.strictObject({
  goodsId: ZId,
  quantity: z.number().int().min(1).max(99),
  idempotencyKey: ZIdempotencyKey,
  /**
   * 代办: redeem for a resident who granted the caller the `redeem` scope (identity `proxy.grant`).
   * The resident's coins are held and the redemption is theirs; the approval flow is unchanged.
   */
  onBehalfOfUserId: ZId.optional(),
});

export const redeemRequest = defineAction({
  summary: '申请兑换爱心超市商品（冻结绿币、预留库存，待工作人员审核）',
  input: ZRedeemRequestInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const ids = {
      redemptionId: ctx.newId(),
      holdId: ctx.newId(),
      auditId: ctx.newId(),
      code: ctx.newId(),
      proxyActionId: ctx.newId(),
      messageId: ctx.newId(),
      outboxId: ctx.newId(),
    };
    const { idempotencyKey, ...request } = input;
    const proxied = input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== ctx.caller.userId;
    return idempotent(
      ctx.store,
      { scope: ctx.caller.userId, key: idempotencyKey, request: { action: 'redeem.request', ...request }, at },
      async (tx): Promise<RedemptionView> => {
        // Read in the transaction: a revocation that landed first is honoured. From here on the
        // owner (whose coins, limits and community count) is the principal.
        const owner = proxied
          ? await actAsPrincipal(tx, ctx.caller, input.onBehalfOfUserId as string, 'redeem')
          : ctx.caller;
        const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, input.goodsId);
        if (!goods?.active) throw new AppError('NOT_FOUND', '商品不存在或已下架');
        if (owner.communityId !== goods.communityId) throw new AppError('FORBIDDEN', '只能兑换本社区爱心超市的商品');
        const key = limitKey(goods, owner.userId, now);
        if (key) {
          const counter = await tx.get<{ _id: string; count: number }>(GC_COLLECTIONS.limits, key);
          if ((counter?.count ?? 0) + input.quantity > goods.limitPerPerson) {
            throw new AppError('CONFLICT', `每人限兑 ${goods.limitPerPerson} 件，已达上限`);
          }
          if (counter) await tx.updateById(GC_COLLECTIONS.limits, key, { $inc: { count: input.quantity } });
          else await tx.insert(GC_COLLECTIONS.limits, { _id: key, count: input.quantity });
        }
        const amount = goods.price * input.quantity;
        // Coins are spent only at the shop of the community that issued them: coins carried from
        // a former home do not count here (docs/LEDGER.md, "Communities").
        const carried = await tx.get<CarriedDoc>(MOVE_COLLECTIONS.carried, owner.userId);
        const locked = lockedOutside(carried, goods.communityId);
        if (locked > 0) {
          const { available } = await balanceOf(tx, userAccount('GC', owner.userId));
          if (available - locked < amount) {
            throw new AppError('INSUFFICIENT_FUNDS', `余额不足：其中 ${locked} 绿币由原社区发放，只能在原社区使用`);
          }
        }
        const rubric = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, goods.communityId);
        const expiryHours = rubric?.redemptionExpiryHours ?? DEFAULT_EXPIRY_HOURS;
        await hold(tx, {
          id: ids.holdId,
          currency: 'GC',
          from: userAccount('GC', owner.userId),
          to: sinkAccount('GC', goods.communityId),
          amount,
          reason: `兑换 ${goods.name} ×${input.quantity}`,
          kind: 'redeem',
          category: 'redeem',
          ref: { collection: GC_COLLECTIONS.redemptions, id: ids.redemptionId },
          at,
        });
        // In the shard the owner's id hashes to (then others): a crowd writes no common document.
        const stockParts = await reserveStock(tx, goods, input.quantity, owner.userId, at);
        const doc: RedemptionDoc = {
          _id: ids.redemptionId,
          communityId: goods.communityId,
          userId: owner.userId,
          ...(proxied ? { requestedByUserId: ctx.caller.userId } : {}),
          goodsId: goods._id,
          goodsName: goods.name,
          quantity: input.quantity,
          unitPrice: goods.price,
          amount,
          status: 'requested',
          holdId: ids.holdId,
          postingId: null,
          pickupCode: pickupCodeFrom(ids.code),
          limitKey: key,
          stockParts,
          createdAt: at,
          expiresAt: new Date(now.getTime() + expiryHours * 3600_000).toISOString(),
          decidedAt: null,
          decidedBy: null,
          rejectReason: null,
          pickedUpAt: null,
          pickedUpBy: null,
        };
        await tx.insert(GC_COLLECTIONS.redemptions, doc);
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at,
          action: 'redeem.request',
          communityId: goods.communityId,
          target: { collection: GC_COLLECTIONS.redemptions, id: doc._id },
          details: proxied
            ? { amount, quantity: input.quantity, onBehalfOf: owner.userId }
            : { amount, quantity: input.quantity },
        });
        if (proxied) {
          await recordProxyAction(tx, {
            _id: ids.proxyActionId,
            principalUserId: owner.userId,
            agentUserId: ctx.caller.userId,
            scope: 'redeem',
            action: 'greencoin.redeem.request',
            target: { collection: GC_COLLECTIONS.redemptions, id: doc._id },
            summary: `代您申请兑换：${goods.name} ×${input.quantity}（${amount} 绿币）`,
            at,
          });
          await notify(tx, {
            messageId: ids.messageId,
            outboxId: ids.outboxId,
            userId: owner.userId,
            kind: 'general',
            title: '代办人已为您申请兑换',
            body: `「${goods.name}」×${input.quantity}，冻结您的 ${amount} 绿币，待工作人员审核。`,
            link: '/packages/greencoin/redemptions/index',
            at,
          });
        }
        return redemptionView(doc, { showCode: true });
      },
    );
  },
});

const ZListPage = {
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
};

export const ZRedeemMineInputSchema = z.strictObject({ status: z.enum(REDEMPTION_STATUSES).optional(), ...ZListPage });

export const redeemMine = defineAction({
  summary: '我的兑换申请（通过后显示领取码）',
  input: ZRedeemMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const filter: Record<string, unknown> = { userId: ctx.caller.userId };
    if (input.status) filter.status = input.status;
    const docs = await ctx.store.find<RedemptionDoc>(GC_COLLECTIONS.redemptions, filter, {
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'desc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const page = docs.slice(0, input.limit);
    // Where, when and until when to collect: from the community's shop settings, per approved item.
    const communityIds = [...new Set(page.filter((d) => d.status === 'approved').map((d) => d.communityId))];
    const rubrics = await Promise.all(communityIds.map((c) => ctx.store.get<RubricDoc>(GC_COLLECTIONS.rubrics, c)));
    const pickupOf = new Map(communityIds.map((c, i) => [c, rubrics[i]?.pickup ?? DEFAULT_PICKUP]));
    return {
      items: page.map((d) => {
        const info = pickupOf.get(d.communityId);
        return {
          ...redemptionView(d, { showCode: true }),
          pickup:
            d.status === 'approved' && info && d.decidedAt
              ? {
                  place: info.place,
                  hours: info.hours,
                  // Fixed at approval; computed for those approved before it was stored.
                  deadline: d.pickupBy ?? pickupDeadline(d.decidedAt, info.days),
                }
              : null,
        };
      }),
      hasMore: docs.length > input.limit,
    };
  },
});

export const ZRedeemQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(REDEMPTION_STATUSES).default('requested'),
  ...ZListPage,
});

export const redeemQueue = defineAction({
  summary: '兑换审核队列（本社区，默认待审核，先到先审）',
  input: ZRedeemQueueInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const docs = await ctx.store.find<RedemptionDoc>(
      GC_COLLECTIONS.redemptions,
      { communityId, status: input.status },
      {
        orderBy: [
          ['createdAt', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const page = docs.slice(0, input.limit);
    const users = page.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: [...new Set(page.map((d) => d.userId))] } })
      : [];
    const names = new Map(users.map((u) => [u._id, u.nickname]));
    return {
      communityId,
      // Staff never see pickup codes in lists: the resident shows theirs at the counter.
      items: page.map((d) => redemptionView(d, { showCode: false, requester: names.get(d.userId) ?? '' })),
      hasMore: docs.length > input.limit,
    };
  },
});

/** Optional client key for decisions: a retried tap gets the first answer instead of a CONFLICT. */
const ZOptionalKey = { idempotencyKey: ZIdempotencyKey.optional() };

async function once<R>(
  ctx: ActionContext,
  key: string | undefined,
  request: Record<string, unknown>,
  body: (tx: TxStore) => Promise<R>,
): Promise<R> {
  if (!key) return ctx.store.runTransaction(body);
  return idempotent(ctx.store, { scope: ctx.caller.userId, key, request, at: ctx.clock.now().toISOString() }, body);
}

export const ZRedeemApproveInputSchema = z.strictObject({ redemptionId: ZId, ...ZOptionalKey });

export const redeemApprove = defineAction({
  summary: '审核通过兑换（扣除冻结的绿币、商品出库，生成领取码）',
  input: ZRedeemApproveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true, decides: 'approve' },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const at = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.approve', ...request }, async (tx) => {
      const doc = await approveRedemption(tx, { redemptionId: input.redemptionId, actor: ctx.caller, at, ids });
      // The approver hands the goods over later; the code is in the answer for their records.
      return redemptionView(doc, { showCode: true });
    });
  },
});

export const ZRedeemRejectInputSchema = z.strictObject({
  redemptionId: ZId,
  reason: z.string().trim().min(1).max(200),
  ...ZOptionalKey,
});

export const redeemReject = defineAction({
  summary: '驳回兑换（须写明原因；冻结的绿币退回、库存释放）',
  input: ZRedeemRejectInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const at = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.reject', ...request }, async (tx) => {
      const doc = await releaseRedemption(tx, {
        redemptionId: input.redemptionId,
        action: 'reject',
        actor: ctx.caller,
        reason: input.reason,
        at,
        ids,
        authorize: (d) => requireManage(ctx.caller, d.communityId),
      });
      return redemptionView(doc, { showCode: false });
    });
  },
});

export const ZRedeemCancelInputSchema = z.strictObject({ redemptionId: ZId, ...ZOptionalKey });

export const redeemCancel = defineAction({
  summary: '审核前取消自己的兑换申请（绿币退回）',
  input: ZRedeemCancelInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const at = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.cancel', ...request }, async (tx) => {
      const doc = await releaseRedemption(tx, {
        redemptionId: input.redemptionId,
        action: 'cancel',
        actor: ctx.caller,
        reason: null,
        at,
        ids,
        authorize: (d) => {
          if (d.userId !== ctx.caller.userId) throw new AppError('NOT_FOUND', '兑换申请不存在');
        },
      });
      return redemptionView(doc, { showCode: true });
    });
  },
});

export const ZRedeemPickupInputSchema = z.strictObject({
  pickupCode: z.string().regex(/^\d{6}$/),
  /** When known (scanned from the resident's screen), checked against the code. */
  redemptionId: ZId.optional(),
  communityId: ZId.optional(),
});

export const redeemPickup = defineAction({
  summary: '凭领取码确认居民已领取商品',
  input: ZRedeemPickupInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    let redemptionId = input.redemptionId;
    if (!redemptionId) {
      const communityId = staffCommunity(ctx.caller, input.communityId);
      const found = await ctx.store.find<RedemptionDoc>(
        GC_COLLECTIONS.redemptions,
        { communityId, pickupCode: input.pickupCode, status: 'approved' },
        { limit: 2 },
      );
      const [only, second] = found;
      if (!only) throw new AppError('NOT_FOUND', '领取码无效或已领取');
      if (second) throw new AppError('CONFLICT', '领取码重复，请核对兑换单');
      redemptionId = only._id;
    }
    const now = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    const id = redemptionId;
    return ctx.store.runTransaction(async (tx) => {
      const doc = await tx.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, id);
      if (!doc || !canManage(ctx.caller, doc.communityId) || doc.pickupCode !== input.pickupCode) {
        throw new AppError('NOT_FOUND', '领取码无效或已领取');
      }
      if (doc.status === 'picked_up') throw new AppError('CONFLICT', '该商品已领取');
      if (doc.status === 'expired' && doc.refund) {
        throw new AppError('CONFLICT', '已超过领取期限，该兑换已取消，绿币已退回居民');
      }
      if (doc.status !== 'approved') throw new AppError('CONFLICT', '该申请尚未通过审核');
      // Past the deadline the goods are no longer the resident's, even before the sweep has run.
      if (doc.pickupBy && now > doc.pickupBy) {
        throw new AppError(
          'CONFLICT',
          `已超过领取期限（${chinaMinute(doc.pickupBy)}），不能再领取；绿币将自动退回居民，如需商品请重新申请兑换`,
        );
      }
      const update = { status: 'picked_up' as const, pickedUpAt: now, pickedUpBy: ctx.caller.userId };
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
  },
});

export const ZRedeemExpireInputSchema = z.strictObject({ communityId: ZId.optional() });

export const redeemExpire = defineAction({
  summary: '使超时未审核的兑换申请过期、逾期未领取的兑换取消（退回绿币、商品回库），供定时任务和工作人员调用',
  input: ZRedeemExpireInputSchema,
  roles: STAFF,
  access: { scope: ['staff', 'system'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    // An admin over every community (the timer's system caller) sweeps them all.
    const everywhere = !input.communityId && ctx.caller.grants.some((g) => g.role === 'admin' && !g.communityId);
    if (everywhere) return sweepExpired(ctx, {});
    return sweepExpired(ctx, { communityId: staffCommunity(ctx.caller, input.communityId) });
  },
});

export const ZRedeemRefundInputSchema = z.strictObject({
  redemptionId: ZId,
  reason: z.string().trim().min(1).max(200),
  ...ZOptionalKey,
});

/**
 * An approved redemption that cannot be handed over after all (goods damaged, resident moved):
 * the coins come back by a reversing entry and the goods return to stock, both recorded.
 */
export const redeemRefund = defineAction({
  summary: '已通过但未领取的兑换退还绿币（冲正记录，商品回库）',
  input: ZRedeemRefundInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const ids = newTransitionIds(ctx.newId);
    const now = ctx.clock.now();
    const { idempotencyKey, ...request } = input;
    return once(ctx, idempotencyKey, { action: 'redeem.refund', ...request }, async (tx) => {
      const doc = await returnApprovedRedemption(tx, {
        redemptionId: input.redemptionId,
        action: 'refund',
        actor: ctx.caller,
        reason: input.reason,
        at: now,
        ids,
        authorize: (d) => requireManage(ctx.caller, d.communityId),
      });
      return redemptionView(doc, { showCode: false });
    });
  },
});
