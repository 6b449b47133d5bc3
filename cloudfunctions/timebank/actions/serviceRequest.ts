import { z } from 'zod';
import { type ServiceDoc, type ServiceRequestDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { idempotent } from '../../_core/ledger';
import { holdForRequest } from '../../_core/redemption/workflow';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { writeAudit, ZId, ZIdempotencyKey } from '../core';
import { requestView, SERVICES } from '../lib/services';

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
        await holdForRequest(tx, SERVICES, {
          holdId: ids.holdId,
          requestId: ids.requestId,
          ownerId: ctx.caller.userId,
          communityId: service.communityId,
          amount: service.points,
          reason: `兑换服务 ${service.name}`,
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
