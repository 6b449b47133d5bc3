import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  nextServiceStatus,
  SERVICE_REQUEST_LABELS,
  SERVICE_REQUEST_STATUSES,
  type ServiceDoc,
  type ServiceRequestAction,
  type ServiceRequestDoc,
  TB_COLLECTIONS,
} from '../../_core/domain/timebank';
import { captureHold, hold, idempotent, sinkAccount, userAccount, voidHold } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import {
  homeCommunity,
  notify,
  requireManage,
  STAFF,
  staffCommunity,
  writeAudit,
  ZId,
  ZIdempotencyKey,
  ZListPage,
} from '../core';

function serviceView(doc: ServiceDoc) {
  return { id: doc._id, name: doc.name, description: doc.description, points: doc.points, active: doc.active };
}

function requestView(doc: ServiceRequestDoc, requester?: string) {
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

/** Services one community offers: service.save refuses more, so the menu is one unpaged read. */
export const MAX_SERVICES_PER_COMMUNITY = 50;

export const ZServiceListInputSchema = z.strictObject({ includeInactive: z.boolean().default(false) });

export const serviceList = defineAction({
  summary: '可用时间积分兑换的服务',
  input: ZServiceListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const filter: Record<string, unknown> = { communityId };
    if (!input.includeInactive) filter.active = true;
    const docs = await ctx.store.find<ServiceDoc>(TB_COLLECTIONS.services, filter, {
      orderBy: [
        ['points', 'asc'],
        ['_id', 'asc'],
      ],
      limit: MAX_SERVICES_PER_COMMUNITY,
    });
    return { items: docs.map(serviceView) };
  },
});

export const ZServiceSaveInputSchema = z.strictObject({
  serviceId: ZId.optional(),
  name: z.string().trim().min(2).max(30),
  description: z.string().trim().max(300).default(''),
  points: z.number().int().min(1).max(10_000),
  active: z.boolean().default(true),
});

export const serviceSave = defineAction({
  summary: '新增或修改可兑换服务（社区工作者）',
  input: ZServiceSaveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const ids = { serviceId: ctx.newId(), auditId: ctx.newId() };
    // Counted before the transaction (which reads by id only); racing staff could pass it together.
    if (
      !input.serviceId &&
      (await ctx.store.count(TB_COLLECTIONS.services, { communityId })) >= MAX_SERVICES_PER_COMMUNITY
    ) {
      throw new AppError('CONFLICT', `每个社区最多 ${MAX_SERVICES_PER_COMMUNITY} 项可兑换服务，可停用或修改现有服务`);
    }
    return ctx.store.runTransaction(async (tx) => {
      const fields = { name: input.name, description: input.description, points: input.points, active: input.active };
      let doc: ServiceDoc;
      if (input.serviceId) {
        const existing = await tx.get<ServiceDoc>(TB_COLLECTIONS.services, input.serviceId);
        if (!existing) throw new AppError('NOT_FOUND', '服务不存在');
        requireManage(ctx.caller, existing.communityId);
        await tx.updateById(TB_COLLECTIONS.services, existing._id, { $set: { ...fields, updatedAt: at } });
        doc = { ...existing, ...fields, updatedAt: at };
      } else {
        doc = { _id: ids.serviceId, communityId, ...fields, createdAt: at, updatedAt: at };
        await tx.insert(TB_COLLECTIONS.services, doc);
      }
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'service.save',
        communityId: doc.communityId,
        target: { collection: TB_COLLECTIONS.services, id: doc._id },
        details: { points: doc.points, active: doc.active },
      });
      return serviceView(doc);
    });
  },
});

export const ZServiceRequestInputSchema = z.strictObject({
  serviceId: ZId,
  note: z.string().trim().max(200).default(''),
  idempotencyKey: ZIdempotencyKey,
});

export const serviceRequest = defineAction({
  summary: '申请用时间积分兑换服务（冻结积分，待工作人员审核）',
  input: ZServiceRequestInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const ids = { requestId: ctx.newId(), holdId: ctx.newId(), auditId: ctx.newId() };
    const { idempotencyKey, ...request } = input;
    return idempotent(
      ctx.store,
      {
        scope: ctx.caller.userId,
        key: idempotencyKey,
        request: { action: 'timebank.service.request', ...request },
        at,
      },
      async (tx) => {
        const service = await tx.get<ServiceDoc>(TB_COLLECTIONS.services, input.serviceId);
        if (!service?.active || service.communityId !== ctx.caller.communityId) {
          throw new AppError('NOT_FOUND', '服务不存在或已下架');
        }
        await hold(tx, {
          id: ids.holdId,
          currency: 'TP',
          from: userAccount('TP', ctx.caller.userId),
          to: sinkAccount('TP', service.communityId),
          amount: service.points,
          reason: `兑换服务 ${service.name}`,
          kind: 'redeem',
          category: 'timebank',
          ref: { collection: TB_COLLECTIONS.requests, id: ids.requestId },
          at,
        });
        const doc: ServiceRequestDoc = {
          _id: ids.requestId,
          communityId: service.communityId,
          userId: ctx.caller.userId,
          serviceId: service._id,
          serviceName: service.name,
          points: service.points,
          note: input.note,
          status: 'requested',
          holdId: ids.holdId,
          postingId: null,
          createdAt: at,
          decidedAt: null,
          decidedBy: null,
          rejectReason: null,
          fulfilledAt: null,
        };
        await tx.insert(TB_COLLECTIONS.requests, doc);
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at,
          action: 'service.request',
          communityId: doc.communityId,
          target: { collection: TB_COLLECTIONS.requests, id: doc._id },
          details: { points: doc.points },
        });
        return requestView(doc);
      },
    );
  },
});

export const ZServiceMineInputSchema = z.strictObject({ ...ZListPage });

export const serviceMine = defineAction({
  summary: '我的服务兑换申请',
  input: ZServiceMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const docs = await ctx.store.find<ServiceRequestDoc>(
      TB_COLLECTIONS.requests,
      { userId: ctx.caller.userId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    return { items: docs.slice(0, input.limit).map((d) => requestView(d)), hasMore: docs.length > input.limit };
  },
});

export const ZServiceQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(SERVICE_REQUEST_STATUSES).default('requested'),
  ...ZListPage,
});

export const serviceQueue = defineAction({
  summary: '服务兑换审核队列（本社区，先到先审）',
  input: ZServiceQueueInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const docs = await ctx.store.find<ServiceRequestDoc>(
      TB_COLLECTIONS.requests,
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
      items: page.map((d) => requestView(d, names.get(d.userId) ?? '')),
      hasMore: docs.length > input.limit,
    };
  },
});

/** One state change of a request, checked and applied inside one transaction (exactly once). */
async function transition(
  ctx: ActionContext,
  input: { requestId: string; action: ServiceRequestAction; reason?: string },
) {
  const at = ctx.clock.now().toISOString();
  const ids = { postingId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId(), auditId: ctx.newId() };
  return ctx.store.runTransaction(async (tx) => {
    const doc = await tx.get<ServiceRequestDoc>(TB_COLLECTIONS.requests, input.requestId);
    if (!doc) throw new AppError('NOT_FOUND', '兑换申请不存在');
    if (input.action === 'cancel') {
      if (doc.userId !== ctx.caller.userId) throw new AppError('NOT_FOUND', '兑换申请不存在');
    } else {
      requireManage(ctx.caller, doc.communityId);
      if (input.action === 'approve') {
        await assertNotForSelf(tx, ctx.caller, doc.userId, '不能审核自己（或自己代办的账号）的兑换申请');
      }
    }
    const status = nextServiceStatus(doc.status, input.action);
    if (!status) throw new AppError('CONFLICT', `该申请${SERVICE_REQUEST_LABELS[doc.status]}，不能再操作`);
    const update: Partial<ServiceRequestDoc> = { status };
    if (input.action === 'approve') {
      const posting = await captureHold(tx, doc.holdId, {
        postingId: ids.postingId,
        at,
        actorUserId: ctx.caller.userId,
      });
      Object.assign(update, { postingId: posting.id, decidedAt: at, decidedBy: ctx.caller.userId });
    } else if (input.action === 'reject' || input.action === 'cancel') {
      await voidHold(tx, doc.holdId, { at, reason: input.action });
      Object.assign(update, { decidedAt: at, decidedBy: ctx.caller.userId, rejectReason: input.reason ?? null });
    } else {
      Object.assign(update, { fulfilledAt: at });
    }
    await tx.updateById(TB_COLLECTIONS.requests, doc._id, { $set: update });
    if (input.action === 'approve' || input.action === 'reject') {
      await notify(tx, {
        messageId: ids.messageId,
        outboxId: ids.outboxId,
        userId: doc.userId,
        kind: input.action === 'approve' ? 'redemption.approved' : 'redemption.rejected',
        title: input.action === 'approve' ? '服务兑换已通过' : '服务兑换未通过',
        body:
          input.action === 'approve'
            ? `您申请的服务「${doc.serviceName}」已通过，扣除 ${doc.points} 时间积分，工作人员将与您约定时间。`
            : `您申请的服务「${doc.serviceName}」未通过：${input.reason ?? ''}。冻结的 ${doc.points} 时间积分已退回。`,
        link: '/packages/volunteer/services/index',
        at,
      });
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

export const ZServiceApproveInputSchema = z.strictObject({ requestId: ZId });
export const serviceApprove = defineAction({
  summary: '审核通过服务兑换（扣除冻结的时间积分）',
  input: ZServiceApproveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true, decides: 'approve' },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'approve' }),
});

export const ZServiceRejectInputSchema = z.strictObject({ requestId: ZId, reason: z.string().trim().min(1).max(200) });
export const serviceReject = defineAction({
  summary: '驳回服务兑换（须写明原因，积分退回）',
  input: ZServiceRejectInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'reject', reason: input.reason }),
});

export const ZServiceCancelInputSchema = z.strictObject({ requestId: ZId });
export const serviceCancel = defineAction({
  summary: '审核前取消自己的服务兑换申请（积分退回）',
  input: ZServiceCancelInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'cancel' }),
});

export const ZServiceFulfilInputSchema = z.strictObject({ requestId: ZId });
export const serviceFulfil = defineAction({
  summary: '登记服务已完成',
  input: ZServiceFulfilInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true },
  handler: (input, ctx) => transition(ctx, { requestId: input.requestId, action: 'fulfil' }),
});
