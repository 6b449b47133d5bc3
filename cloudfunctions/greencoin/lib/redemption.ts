/**
 * Green-coin goods as a configuration of the one redemption workflow (`_core/redemption`): the
 * catalogue (GC, `gc_redemptions`, GOODS_FLOW) and what goods add on top of the shared steps —
 * stock shards reserved, handed over or returned (only through ../stock.ts), the per-person limit
 * counter, the pickup deadline, the messages and audit entries. The redemption actions, the expiry
 * sweep and erasure all step a request through these three functions.
 */
import type { AuditDoc } from '../../_core/domain/audit';
import {
  chinaMinute,
  DEFAULT_PICKUP,
  GC_COLLECTIONS,
  GOODS_FLOW,
  type GoodsDoc,
  pickupDeadline,
  REDEMPTION_STATUS_LABELS,
  type RedemptionAction,
  type RedemptionDoc,
  type RedemptionStatus,
  type RubricDoc,
  type StockPart,
} from '../../_core/domain/greencoin';
import type { Caller } from '../../_core/domain/roles';
import { bumpGreencoinStats } from '../../_core/ledger/gcstats';
import { checkManage } from '../../_core/redemption/access';
import { type Authorize, type Catalogue, loadForTransition, settleHold } from '../../_core/redemption/workflow';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { releaseStock, returnStock, takeReservedStock } from '../stock';
import { writeAudit } from './audit';

/** The goods catalogue of the shared workflow. */
export const GOODS: Catalogue<RedemptionStatus, RedemptionAction> = {
  currency: 'GC',
  category: 'redeem',
  collection: GC_COLLECTIONS.redemptions,
  flow: GOODS_FLOW,
  notFound: '兑换申请不存在',
};

const LINK = '/packages/greencoin/redemptions/index';

export interface RedemptionView {
  id: string;
  communityId: string;
  goodsId: string;
  goodsName: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  status: RedemptionDoc['status'];
  statusLabel: string;
  /** Only for the owner (and the approving staff's answer), and only once approved. */
  pickupCode: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  rejectReason: string | null;
  refundReason: string | null;
  pickedUpAt: string | null;
  /** For staff lists: who asked (nickname), never phone numbers. */
  requester?: string;
}

export function redemptionView(doc: RedemptionDoc, options: { showCode: boolean; requester?: string }): RedemptionView {
  return {
    id: doc._id,
    communityId: doc.communityId,
    goodsId: doc.goodsId,
    goodsName: doc.goodsName,
    quantity: doc.quantity,
    unitPrice: doc.unitPrice,
    amount: doc.amount,
    status: doc.status,
    statusLabel: REDEMPTION_STATUS_LABELS[doc.status],
    pickupCode: options.showCode && (doc.status === 'approved' || doc.status === 'picked_up') ? doc.pickupCode : null,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    decidedAt: doc.decidedAt,
    rejectReason: doc.rejectReason,
    refundReason: doc.refund?.reason ?? null,
    pickedUpAt: doc.pickedUpAt,
    ...(options.requester !== undefined ? { requester: options.requester } : {}),
  };
}

/** Ids made before a transaction so a retried body writes the same documents. */
export interface TransitionIds {
  postingId: string;
  moveId: string;
  messageId: string;
  outboxId: string;
  auditId: string;
}

export const newTransitionIds = (newId: () => string): TransitionIds => ({
  postingId: newId(),
  moveId: newId(),
  messageId: newId(),
  outboxId: newId(),
  auditId: newId(),
});

interface StepInput {
  redemptionId: string;
  actor: Caller;
  at: Date;
  ids: TransitionIds;
}

/** The audit entry of a redemption step, as `greencoin.redeem.<action>`. */
function auditStep(
  tx: TxStore,
  input: { action: RedemptionAction; actor: Caller; ids: TransitionIds },
  doc: RedemptionDoc,
  at: string,
  details: AuditDoc['details'],
  actorUserId: string = input.actor.userId,
): Promise<void> {
  return writeAudit(
    tx,
    { caller: input.actor },
    {
      id: input.ids.auditId,
      at,
      action: `redeem.${input.action}`,
      communityId: doc.communityId,
      target: { collection: GC_COLLECTIONS.redemptions, id: doc._id },
      details,
      actorUserId,
    },
  );
}

/**
 * Where a request's units are held. Requests from before the stock shards (issue 17) recorded none:
 * their units were reserved on the goods document, which no longer counts, so there is nothing to give back.
 */
function reservedParts(doc: RedemptionDoc): StockPart[] {
  return doc.stockParts ?? [];
}

/** The per-person limit counter gives back what the request counted. */
async function releaseLimit(tx: TxStore, doc: RedemptionDoc): Promise<void> {
  if (doc.limitKey) await tx.updateById(GC_COLLECTIONS.limits, doc.limitKey, { $inc: { count: -doc.quantity } });
}

/**
 * Ends a pending request without spending: reject, cancel or expire. Voids the hold and releases
 * stock and the per-person limit, exactly once (the state is checked inside the transaction).
 */
export async function releaseRedemption(
  tx: TxStore,
  input: StepInput & {
    action: Extract<RedemptionAction, 'reject' | 'cancel' | 'expire'>;
    reason: string | null;
    /** Checked against the loaded request (owner for cancel, staff of its community otherwise). */
    authorize: Authorize<RedemptionDoc>;
  },
): Promise<RedemptionDoc> {
  const { doc, status } = await loadForTransition(tx, GOODS, {
    id: input.redemptionId,
    event: input.action,
    actor: input.actor,
    authorize: input.authorize,
  });
  const at = input.at.toISOString();
  const actorUserId = input.action === 'expire' ? 'system' : input.actor.userId;
  await settleHold(tx, doc, input.action, { at, actorUserId, postingId: input.ids.postingId, reason: input.action });
  const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, doc.goodsId);
  if (goods) await releaseStock(tx, goods, reservedParts(doc), at);
  await releaseLimit(tx, doc);
  const update = {
    status,
    decidedAt: at,
    decidedBy: input.action === 'expire' ? null : input.actor.userId,
    rejectReason: input.reason,
  };
  await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: update });
  if (input.action !== 'cancel') {
    await deliverMessage(tx, {
      messageId: input.ids.messageId,
      outboxId: input.ids.outboxId,
      userId: doc.userId,
      kind: 'redemption.rejected',
      title: input.action === 'reject' ? '兑换申请未通过' : '兑换申请已过期',
      body:
        input.action === 'reject'
          ? `您兑换的「${doc.goodsName}」未通过审核：${input.reason ?? ''}。冻结的 ${doc.amount} 绿币已退回。`
          : `您兑换的「${doc.goodsName}」超时未审核，冻结的 ${doc.amount} 绿币已退回。`,
      link: LINK,
      at,
    });
  }
  await auditStep(tx, input, doc, at, { amount: doc.amount, quantity: doc.quantity, status }, actorUserId);
  return { ...doc, ...update };
}

/** Staff approval (a second person): captures the hold into the community's sink and hands the goods over from stock. */
export async function approveRedemption(tx: TxStore, input: StepInput): Promise<RedemptionDoc> {
  const { doc } = await loadForTransition(tx, GOODS, {
    id: input.redemptionId,
    event: 'approve',
    actor: input.actor,
    authorize: (d: RedemptionDoc) => checkManage(input.actor, d.communityId),
  });
  const at = input.at.toISOString();
  const postingId = (await settleHold(tx, doc, 'approve', {
    at,
    actorUserId: input.actor.userId,
    postingId: input.ids.postingId,
    reason: '',
  })) as string;
  const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, doc.goodsId);
  if (!goods) throw new AppError('NOT_FOUND', '商品不存在');
  await takeReservedStock(tx, goods, reservedParts(doc), {
    id: input.ids.moveId,
    kind: 'redeem',
    reason: `兑换出库（${doc.quantity} 件）`,
    actorUserId: input.actor.userId,
    redemptionId: doc._id,
    at,
  });
  // The deadline is fixed now, from today's settings: what the resident is told stays true when
  // staff later change the pickup days.
  const rubric = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, doc.communityId);
  const pickupBy = pickupDeadline(at, (rubric?.pickup ?? DEFAULT_PICKUP).days);
  const update = { status: 'approved' as const, postingId, decidedAt: at, decidedBy: input.actor.userId, pickupBy };
  await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: update });
  await bumpGreencoinStats(tx, doc.communityId, input.at, { redeemed: doc.amount, redemptions: 1 });
  await deliverMessage(tx, {
    messageId: input.ids.messageId,
    outboxId: input.ids.outboxId,
    userId: doc.userId,
    kind: 'redemption.approved',
    title: '兑换申请已通过',
    body: `您兑换的「${doc.goodsName}」×${doc.quantity} 已通过审核，请于 ${chinaMinute(pickupBy)} 前凭领取码 ${doc.pickupCode} 到爱心超市领取，逾期绿币自动退回。`,
    link: LINK,
    at,
  });
  await auditStep(tx, { ...input, action: 'approve' }, doc, at, { amount: doc.amount, quantity: doc.quantity });
  return { ...doc, ...update };
}

/**
 * Puts units back on the shelf with their stock move. The one place that returns stock (refunds
 * and uncollected pickups both come here), so a change to how stock is kept changes one function.
 */
export async function returnToStock(
  tx: TxStore,
  input: {
    goodsId: string;
    quantity: number;
    /** Whose units they were: the stock shard they go back to is picked by this person. */
    userId: string;
    reason: string;
    actorUserId: string;
    redemptionId: string;
    moveId: string;
    at: string;
  },
): Promise<void> {
  const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, input.goodsId);
  // A deleted item has no shelf to return to; the coins still come back.
  if (!goods) return;
  await returnStock(tx, goods, input.quantity, input.userId, {
    id: input.moveId,
    kind: 'refund',
    reason: input.reason,
    actorUserId: input.actorUserId,
    redemptionId: input.redemptionId,
    at: input.at,
  });
}

/**
 * Undoes an approved, uncollected redemption: staff refund it (goods unavailable after all) or
 * the pickup deadline passes (lapse). The captured coins come back by a reversing entry, the goods
 * return to stock and the per-person limit is released, exactly once (state checked in the
 * transaction), and the resident is told why.
 */
export async function returnApprovedRedemption(
  tx: TxStore,
  input: StepInput & {
    action: Extract<RedemptionAction, 'refund' | 'lapse'>;
    reason: string;
    authorize: Authorize<RedemptionDoc>;
  },
): Promise<RedemptionDoc> {
  const { doc, status } = await loadForTransition(tx, GOODS, {
    id: input.redemptionId,
    event: input.action,
    actor: input.actor,
    authorize: input.authorize,
  });
  const at = input.at.toISOString();
  const lapse = input.action === 'lapse';
  // The timer acts for nobody in particular: its entries and moves say 'system'.
  const actorUserId = lapse ? 'system' : input.actor.userId;
  await settleHold(tx, doc, input.action, {
    at,
    actorUserId,
    postingId: input.ids.postingId,
    reason: `退还 ${doc.goodsName} ×${doc.quantity}（${input.reason}）`,
  });
  await returnToStock(tx, {
    goodsId: doc.goodsId,
    quantity: doc.quantity,
    userId: doc.userId,
    reason: lapse ? '逾期未领取，回库' : `退还回库：${input.reason}`,
    actorUserId,
    redemptionId: doc._id,
    moveId: input.ids.moveId,
    at,
  });
  await releaseLimit(tx, doc);
  const refund = { postingId: input.ids.postingId, reason: input.reason, byUserId: actorUserId, at };
  await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: { status, refund } });
  await bumpGreencoinStats(tx, doc.communityId, input.at, { refunded: doc.amount });
  await deliverMessage(tx, {
    messageId: input.ids.messageId,
    outboxId: input.ids.outboxId,
    userId: doc.userId,
    kind: 'general',
    title: lapse ? '兑换已过领取期限' : '兑换已退还',
    body: lapse
      ? `您兑换的「${doc.goodsName}」×${doc.quantity} 超过领取期限（${doc.pickupBy ? chinaMinute(doc.pickupBy) : ''}）未领取，已取消，${doc.amount} 绿币已退回。`
      : `您兑换的「${doc.goodsName}」未能领取（${input.reason}），${doc.amount} 绿币已退回。`,
    link: LINK,
    at,
  });
  await auditStep(tx, input, doc, at, { amount: doc.amount, quantity: doc.quantity, status }, actorUserId);
  return { ...doc, status, refund };
}
