/**
 * Shared pieces of the greencoin function: scoping rules, stats counters, views, and the
 * redemption transitions that several actions (and the expiry sweep) use.
 */

import { AUDIT_COLLECTION, type AuditDoc, auditEntry } from '../_core/domain/audit';
import {
  chinaMinute,
  DEFAULT_PICKUP,
  GC_COLLECTIONS,
  type GoodsDoc,
  nextRedemptionStatus,
  pickupDeadline,
  REDEMPTION_STATUS_LABELS,
  type RedemptionAction,
  type RedemptionDoc,
  type RubricDoc,
  type StockPart,
} from '../_core/domain/greencoin';
import { COLLECTIONS, type UserDoc } from '../_core/domain/people';
import { isStaffOf } from '../_core/domain/policy';
import { captureHold, reversePosting, voidHold } from '../_core/ledger';
import { assertNotForSelf } from '../_core/runtime/decisions';
import type { ActionContext } from '../_core/runtime/define';
import { deliverMessage } from '../_core/runtime/deliver';
import { AppError } from '../_core/runtime/errors';
import type { Caller } from '../_core/runtime/roles';
import type { TxStore } from '../_core/store/docstore';
import { releaseStock, returnStock, takeReservedStock } from './stock';

export const FN = 'greencoin';

/** Staff power stops at their community; an admin without a community holds it everywhere. */
export const canManage = isStaffOf;

export function requireManage(caller: Caller, communityId: string): void {
  if (!canManage(caller, communityId)) throw new AppError('FORBIDDEN', '只能处理本社区的事项');
}

/** The community a staff action works on: the one named, or the caller's only staff community. */
export function staffCommunity(caller: Caller, requested?: string): string {
  const communityId =
    requested ??
    caller.grants.find((g) => (g.role === 'staff' || g.role === 'admin') && g.communityId)?.communityId ??
    caller.communityId;
  if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
  requireManage(caller, communityId);
  return communityId;
}

export function residentCommunity(caller: Caller): string {
  if (!caller.communityId) throw new AppError('FORBIDDEN', '请先选择所在社区');
  return caller.communityId;
}

/** Public monthly totals: shared with report rewards (see _core/ledger/gcstats.ts). */
import { bumpGreencoinStats } from '../_core/ledger/gcstats';

export const bumpStats = bumpGreencoinStats;

export async function writeAudit(
  tx: TxStore,
  ctx: Pick<ActionContext, 'caller'>,
  input: {
    id: string;
    at: string;
    action: string;
    communityId: string | null;
    target: AuditDoc['target'];
    details?: AuditDoc['details'];
    actorUserId?: string;
  },
): Promise<void> {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: input.id,
      at: input.at,
      actorUserId: input.actorUserId ?? ctx.caller.userId,
      action: `${FN}.${input.action}`,
      communityId: input.communityId,
      target: input.target,
      details: input.details,
    }),
  );
}

/** Tells a person something, in the caller's transaction. */
export const notify = deliverMessage;

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

/** The audit entry of a redemption ending without a hand-over (reject, cancel, expire, refund, lapse). */
function auditTransition(
  tx: TxStore,
  input: { action: RedemptionAction; actor: Caller; ids: TransitionIds },
  doc: RedemptionDoc,
  status: RedemptionDoc['status'],
  at: string,
  actorUserId: string,
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
      details: { amount: doc.amount, quantity: doc.quantity, status },
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

/**
 * Ends a pending request without spending: reject, cancel or expire. Voids the hold and releases
 * stock and the per-person limit, exactly once (the state is checked inside the transaction).
 */
export async function releaseRedemption(
  tx: TxStore,
  input: {
    redemptionId: string;
    action: Extract<RedemptionAction, 'reject' | 'cancel' | 'expire'>;
    actor: Caller;
    reason: string | null;
    at: Date;
    ids: TransitionIds;
    /** Checked against the loaded request (owner for cancel, staff of its community otherwise). */
    authorize: (doc: RedemptionDoc) => void;
  },
): Promise<RedemptionDoc> {
  const doc = await tx.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, input.redemptionId);
  if (!doc) throw new AppError('NOT_FOUND', '兑换申请不存在');
  input.authorize(doc);
  const status = nextRedemptionStatus(doc.status, input.action);
  if (!status) throw new AppError('CONFLICT', `该申请${REDEMPTION_STATUS_LABELS[doc.status]}，不能再操作`);
  const at = input.at.toISOString();
  await voidHold(tx, doc.holdId, { at, reason: input.action });
  const goods = await tx.get<GoodsDoc>(GC_COLLECTIONS.goods, doc.goodsId);
  if (goods) await releaseStock(tx, goods, reservedParts(doc), at);
  if (doc.limitKey) await tx.updateById(GC_COLLECTIONS.limits, doc.limitKey, { $inc: { count: -doc.quantity } });
  const update = {
    status,
    decidedAt: at,
    decidedBy: input.action === 'expire' ? null : input.actor.userId,
    rejectReason: input.reason,
  };
  await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: update });
  if (input.action !== 'cancel') {
    await notify(tx, {
      messageId: input.ids.messageId,
      outboxId: input.ids.outboxId,
      userId: doc.userId,
      kind: 'redemption.rejected',
      title: input.action === 'reject' ? '兑换申请未通过' : '兑换申请已过期',
      body:
        input.action === 'reject'
          ? `您兑换的「${doc.goodsName}」未通过审核：${input.reason ?? ''}。冻结的 ${doc.amount} 绿币已退回。`
          : `您兑换的「${doc.goodsName}」超时未审核，冻结的 ${doc.amount} 绿币已退回。`,
      link: '/packages/greencoin/redemptions/index',
      at,
    });
  }
  await auditTransition(tx, input, doc, status, at, input.action === 'expire' ? 'system' : input.actor.userId);
  return { ...doc, ...update };
}

/** Staff approval: captures the hold into the community's sink and hands the goods over from stock. */
export async function approveRedemption(
  tx: TxStore,
  input: { redemptionId: string; actor: Caller; at: Date; ids: TransitionIds },
): Promise<RedemptionDoc> {
  const doc = await tx.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, input.redemptionId);
  if (!doc) throw new AppError('NOT_FOUND', '兑换申请不存在');
  requireManage(input.actor, doc.communityId);
  // Staff are residents too: their own requests need another staff member (maker-checker).
  if (doc.requestedByUserId === input.actor.userId) throw new AppError('FORBIDDEN', '不能审核自己的兑换申请');
  await assertNotForSelf(tx, input.actor, doc.userId, '不能审核自己（或自己代办的账号）的兑换申请');
  if (!nextRedemptionStatus(doc.status, 'approve')) {
    throw new AppError('CONFLICT', `该申请${REDEMPTION_STATUS_LABELS[doc.status]}，不能再审核`);
  }
  // Erasure voids a person's open requests; one that slipped past it is not approved for nobody.
  const requester = await tx.get<UserDoc>(COLLECTIONS.users, doc.userId);
  if (!requester || requester.erasedAt) throw new AppError('CONFLICT', '申请人已注销账号，该申请已作废');
  const at = input.at.toISOString();
  const posting = await captureHold(tx, doc.holdId, {
    postingId: input.ids.postingId,
    at,
    actorUserId: input.actor.userId,
  });
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
  const update = {
    status: 'approved' as const,
    postingId: posting.id,
    decidedAt: at,
    decidedBy: input.actor.userId,
    pickupBy,
  };
  await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: update });
  await bumpStats(tx, doc.communityId, input.at, { redeemed: doc.amount, redemptions: 1 });
  await notify(tx, {
    messageId: input.ids.messageId,
    outboxId: input.ids.outboxId,
    userId: doc.userId,
    kind: 'redemption.approved',
    title: '兑换申请已通过',
    body: `您兑换的「${doc.goodsName}」×${doc.quantity} 已通过审核，请于 ${chinaMinute(pickupBy)} 前凭领取码 ${doc.pickupCode} 到爱心超市领取，逾期绿币自动退回。`,
    link: '/packages/greencoin/redemptions/index',
    at,
  });
  await writeAudit(
    tx,
    { caller: input.actor },
    {
      id: input.ids.auditId,
      at,
      action: 'redeem.approve',
      communityId: doc.communityId,
      target: { collection: GC_COLLECTIONS.redemptions, id: doc._id },
      details: { amount: doc.amount, quantity: doc.quantity },
    },
  );
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
  input: {
    redemptionId: string;
    action: Extract<RedemptionAction, 'refund' | 'lapse'>;
    actor: Caller;
    reason: string;
    at: Date;
    ids: TransitionIds;
    authorize: (doc: RedemptionDoc) => void;
  },
): Promise<RedemptionDoc> {
  const doc = await tx.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, input.redemptionId);
  if (!doc) throw new AppError('NOT_FOUND', '兑换申请不存在');
  input.authorize(doc);
  const status = nextRedemptionStatus(doc.status, input.action);
  if (!status || !doc.postingId) throw new AppError('CONFLICT', '只有已通过、尚未领取的兑换可以退还');
  const at = input.at.toISOString();
  const lapse = input.action === 'lapse';
  // The timer acts for nobody in particular: its entries and moves say 'system'.
  const actorUserId = lapse ? 'system' : input.actor.userId;
  await reversePosting(tx, doc.postingId, {
    id: input.ids.postingId,
    at,
    reason: `退还 ${doc.goodsName} ×${doc.quantity}（${input.reason}）`,
    kind: 'refund',
    actorUserId,
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
  if (doc.limitKey) await tx.updateById(GC_COLLECTIONS.limits, doc.limitKey, { $inc: { count: -doc.quantity } });
  const refund = { postingId: input.ids.postingId, reason: input.reason, byUserId: actorUserId, at };
  await tx.updateById(GC_COLLECTIONS.redemptions, doc._id, { $set: { status, refund } });
  await bumpStats(tx, doc.communityId, input.at, { refunded: doc.amount });
  await notify(tx, {
    messageId: input.ids.messageId,
    outboxId: input.ids.outboxId,
    userId: doc.userId,
    kind: 'general',
    title: lapse ? '兑换已过领取期限' : '兑换已退还',
    body: lapse
      ? `您兑换的「${doc.goodsName}」×${doc.quantity} 超过领取期限（${doc.pickupBy ? chinaMinute(doc.pickupBy) : ''}）未领取，已取消，${doc.amount} 绿币已退回。`
      : `您兑换的「${doc.goodsName}」未能领取（${input.reason}），${doc.amount} 绿币已退回。`,
    link: '/packages/greencoin/redemptions/index',
    at,
  });
  await auditTransition(tx, input, doc, status, at, actorUserId);
  return { ...doc, status, refund };
}
