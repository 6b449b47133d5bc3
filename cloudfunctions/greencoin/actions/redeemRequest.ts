import { z } from 'zod';
import {
  GC_COLLECTIONS,
  type GoodsDoc,
  limitKey,
  pickupCodeFrom,
  type RedemptionDoc,
  type RubricDoc,
} from '../../_core/domain/greencoin';
import { type CarriedDoc, lockedOutside, MOVE_COLLECTIONS } from '../../_core/domain/moves';
import { checkPerPersonLimit } from '../../_core/domain/redemption';
import type { Caller } from '../../_core/domain/roles';
import { balanceOf, idempotent, userAccount } from '../../_core/ledger';
import { ZId, ZIdempotencyKey } from '../../_core/redemption/schemas';
import { holdForRequest } from '../../_core/redemption/workflow';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import { actAsPrincipal, recordProxyAction } from '../../_core/runtime/proxy';
import type { TxStore } from '../../_core/store/docstore';
import { GOODS, notify, type RedemptionView, redemptionView, writeAudit } from '../core';
import { reserveStock } from '../stock';

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
type Input = z.infer<typeof ZRedeemRequestInputSchema>;

type Ids = Record<'redemptionId' | 'holdId' | 'auditId' | 'code' | 'proxyActionId' | 'messageId' | 'outboxId', string>;

/** The per-person limit, counted in the transaction (the counter is released when the request ends unspent). */
async function countAgainstLimit(tx: TxStore, goods: GoodsDoc, ownerId: string, quantity: number, now: Date) {
  const key = limitKey(goods, ownerId, now);
  if (!key) return null;
  const counter = await tx.get<{ _id: string; count: number }>(GC_COLLECTIONS.limits, key);
  decided(checkPerPersonLimit({ already: counter?.count ?? 0, quantity, limit: goods.limitPerPerson }));
  if (counter) await tx.updateById(GC_COLLECTIONS.limits, key, { $inc: { count: quantity } });
  else await tx.insert(GC_COLLECTIONS.limits, { _id: key, count: quantity });
  return key;
}

/**
 * Coins are spent only at the shop of the community that issued them: coins carried from a former
 * home do not count here (docs/LEDGER.md, "Communities").
 */
async function checkSpendableHere(tx: TxStore, ownerId: string, communityId: string, amount: number): Promise<void> {
  const carried = await tx.get<CarriedDoc>(MOVE_COLLECTIONS.carried, ownerId);
  const locked = lockedOutside(carried, communityId);
  if (locked <= 0) return;
  const { available } = await balanceOf(tx, userAccount('GC', ownerId));
  if (available - locked < amount) {
    throw new AppError('INSUFFICIENT_FUNDS', `余额不足：其中 ${locked} 绿币由原社区发放，只能在原社区使用`);
  }
}

/** 代办: the resident sees who asked for them, in the proxy log and their messages. */
async function recordProxied(tx: TxStore, ctx: ActionContext, doc: RedemptionDoc, ids: Ids, at: string) {
  await recordProxyAction(tx, {
    _id: ids.proxyActionId,
    principalUserId: doc.userId,
    agentUserId: ctx.caller.userId,
    scope: 'redeem',
    action: 'greencoin.redeem.request',
    target: { collection: GC_COLLECTIONS.redemptions, id: doc._id },
    summary: `代您申请兑换：${doc.goodsName} ×${doc.quantity}（${doc.amount} 绿币）`,
    at,
  });
  await notify(tx, {
    messageId: ids.messageId,
    outboxId: ids.outboxId,
    userId: doc.userId,
    kind: 'general',
    title: '代办人已为您申请兑换',
    body: `「${doc.goodsName}」×${doc.quantity}，冻结您的 ${doc.amount} 绿币，待工作人员审核。`,
    link: '/packages/greencoin/redemptions/index',
    at,
  });
}

function newRequest(
  goods: GoodsDoc,
  owner: Caller,
  input: Input,
  ids: Ids,
  parts: Pick<RedemptionDoc, 'limitKey' | 'stockParts' | 'expiresAt'>,
  at: string,
  proxiedBy: string | null,
): RedemptionDoc {
  return {
    _id: ids.redemptionId,
    communityId: goods.communityId,
    userId: owner.userId,
    ...(proxiedBy ? { requestedByUserId: proxiedBy } : {}),
    goodsId: goods._id,
    goodsName: goods.name,
    quantity: input.quantity,
    unitPrice: goods.price,
    amount: goods.price * input.quantity,
    status: 'requested',
    holdId: ids.holdId,
    postingId: null,
    pickupCode: pickupCodeFrom(ids.code),
    ...parts,
    createdAt: at,
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
    pickedUpAt: null,
    pickedUpBy: null,
  };
}

/** The request's transaction: owner, goods, limit, coins held, stock reserved, the request written. */
async function request(tx: TxStore, ctx: ActionContext, input: Input, ids: Ids, now: Date): Promise<RedemptionView> {
  const at = now.toISOString();
  const proxied = input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== ctx.caller.userId;
  // Read in the transaction: a revocation that landed first is honoured. From here on the owner
  // (whose coins, limits and community count) is the principal.
  const owner = proxied ? await actAsPrincipal(tx, ctx.caller, input.onBehalfOfUserId as string, 'redeem') : ctx.caller;
  const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, input.goodsId);
  if (!goods?.active) throw new AppError('NOT_FOUND', '商品不存在或已下架');
  if (owner.communityId !== goods.communityId) throw new AppError('FORBIDDEN', '只能兑换本社区爱心超市的商品');
  const key = await countAgainstLimit(tx, goods, owner.userId, input.quantity, now);
  const amount = goods.price * input.quantity;
  await checkSpendableHere(tx, owner.userId, goods.communityId, amount);
  const rubric = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, goods.communityId);
  const expiryHours = rubric?.redemptionExpiryHours ?? DEFAULT_EXPIRY_HOURS;
  await holdForRequest(tx, GOODS, {
    holdId: ids.holdId,
    requestId: ids.redemptionId,
    ownerId: owner.userId,
    communityId: goods.communityId,
    amount,
    reason: `兑换 ${goods.name} ×${input.quantity}`,
    at,
  });
  // In the shard the owner's id hashes to (then others): a crowd writes no common document.
  const stockParts = await reserveStock(tx, goods, input.quantity, owner.userId, at);
  const expiresAt = new Date(now.getTime() + expiryHours * 3600_000).toISOString();
  const doc = newRequest(
    goods,
    owner,
    input,
    ids,
    { limitKey: key, stockParts, expiresAt },
    at,
    proxied ? ctx.caller.userId : null,
  );
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
  if (proxied) await recordProxied(tx, ctx, doc, ids, at);
  return redemptionView(doc, { showCode: true });
}

export const redeemRequest = defineAction({
  summary: '申请兑换爱心超市商品（冻结绿币、预留库存，待工作人员审核）',
  input: ZRedeemRequestInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const ids: Ids = {
      redemptionId: ctx.newId(),
      holdId: ctx.newId(),
      auditId: ctx.newId(),
      code: ctx.newId(),
      proxyActionId: ctx.newId(),
      messageId: ctx.newId(),
      outboxId: ctx.newId(),
    };
    const { idempotencyKey, ...rest } = input;
    return idempotent(
      ctx.store,
      {
        scope: ctx.caller.userId,
        key: idempotencyKey,
        request: { action: 'redeem.request', ...rest },
        at: now.toISOString(),
      },
      (tx) => request(tx, ctx, input, ids, now),
    );
  },
});
