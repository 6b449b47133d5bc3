/**
 * Time-bank services as a configuration of the one redemption workflow (`_core/redemption`): the
 * catalogue (TP, `tb_requests`, SERVICE_FLOW) — no stock, no pickup code; approved, then fulfilled —
 * and the one `transition` the four decision actions step a request through.
 */

import { checkOwner } from '../../_core/domain/redemption';
import {
  SERVICE_FLOW,
  SERVICE_REQUEST_LABELS,
  type ServiceDoc,
  type ServiceRequestAction,
  type ServiceRequestDoc,
  type ServiceRequestStatus,
  TB_COLLECTIONS,
} from '../../_core/domain/timebank';
import { checkManage } from '../../_core/redemption/access';
import { type Catalogue, loadForTransition, settleHold } from '../../_core/redemption/workflow';
import type { ActionContext } from '../../_core/runtime/define';
import type { TxStore } from '../../_core/store/docstore';
import { notify, writeAudit } from '../core';

/** The services catalogue of the shared workflow. */
export const SERVICES: Catalogue<ServiceRequestStatus, ServiceRequestAction> = {
  currency: 'TP',
  category: 'timebank',
  collection: TB_COLLECTIONS.requests,
  flow: SERVICE_FLOW,
  notFound: '兑换申请不存在',
};

/** Services one community offers: service.save refuses more, so the menu is one unpaged read. */
export const MAX_SERVICES_PER_COMMUNITY = 50;

export function serviceView(doc: ServiceDoc) {
  return { id: doc._id, name: doc.name, description: doc.description, points: doc.points, active: doc.active };
}

export function requestView(doc: ServiceRequestDoc, requester?: string) {
  return {
    id: doc._id,
    serviceId: doc.serviceId,
    serviceName: doc.serviceName,
    points: doc.points,
    note: doc.note,
    status: doc.status,
    statusLabel: SERVICE_REQUEST_LABELS[doc.status],
    createdAt: doc.createdAt,
    decidedAt: doc.decidedAt,
    rejectReason: doc.rejectReason,
    fulfilledAt: doc.fulfilledAt,
    ...(requester !== undefined ? { requester } : {}),
  };
}

type Ids = Record<'postingId' | 'messageId' | 'outboxId' | 'auditId', string>;

/** The owner is told of a decision (approve, reject); cancel and fulfil tell nobody. */
async function tellOwner(
  tx: TxStore,
  doc: ServiceRequestDoc,
  action: 'approve' | 'reject',
  reason: string | undefined,
  ids: Ids,
  at: string,
) {
  await notify(tx, {
    messageId: ids.messageId,
    outboxId: ids.outboxId,
    userId: doc.userId,
    kind: action === 'approve' ? 'redemption.approved' : 'redemption.rejected',
    title: action === 'approve' ? '服务兑换已通过' : '服务兑换未通过',
    body:
      action === 'approve'
        ? `您申请的服务「${doc.serviceName}」已通过，扣除 ${doc.points} 时间积分，工作人员将与您约定时间。`
        : `您申请的服务「${doc.serviceName}」未通过：${reason ?? ''}。冻结的 ${doc.points} 时间积分已退回。`,
    link: '/packages/volunteer/services/index',
    at,
  });
}

/**
 * One state change of a request, checked and applied inside one transaction (exactly once):
 * cancel is the owner's, the rest are staff of the request's community (approval a second person).
 */
export async function transition(
  ctx: ActionContext,
  input: { requestId: string; action: ServiceRequestAction; reason?: string },
) {
  const at = ctx.clock.now().toISOString();
  const ids: Ids = { postingId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
  return ctx.store.runTransaction(async (tx) => {
    const { doc, status } = await loadForTransition(tx, SERVICES, {
      id: input.requestId,
      event: input.action,
      actor: ctx.caller,
      authorize: (d: ServiceRequestDoc) =>
        input.action === 'cancel' ? checkOwner(d, ctx.caller.userId) : checkManage(ctx.caller, d.communityId),
    });
    const postingId = await settleHold(tx, doc, input.action, {
      at,
      actorUserId: ctx.caller.userId,
      postingId: ids.postingId,
      reason: input.action,
    });
    const update: Partial<ServiceRequestDoc> = { status };
    if (input.action === 'approve') Object.assign(update, { postingId, decidedAt: at, decidedBy: ctx.caller.userId });
    else if (input.action === 'fulfil') Object.assign(update, { fulfilledAt: at });
    else Object.assign(update, { decidedAt: at, decidedBy: ctx.caller.userId, rejectReason: input.reason ?? null });
    await tx.updateById(TB_COLLECTIONS.requests, doc._id, { $set: update });
    if (input.action === 'approve' || input.action === 'reject') {
      await tellOwner(tx, doc, input.action, input.reason, ids, at);
    }
    if (input.action !== 'cancel') {
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: `service.${input.action}`,
        communityId: doc.communityId,
        target: { collection: TB_COLLECTIONS.requests, id: doc._id },
        details: { points: doc.points, status },
      });
    }
    return requestView({ ...doc, ...update });
  });
}
