import { z } from 'zod';
import { type ServiceDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireManage, STAFF, staffCommunity, writeAudit, ZId } from '../core';
import { MAX_SERVICES_PER_COMMUNITY, serviceView } from '../lib/services';

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
