import { z } from 'zod';
import { ITEM_KINDS, SERVICE_COLLECTIONS, type ServiceItemDoc } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, itemView, requireClerk } from '../lib/access';
import { ZId } from './catalogue';

export const ZItemSaveInputSchema = z.strictObject({
  id: ZId.regex(/^[a-z0-9-]+$/).optional(),
  communityId: ZId,
  kind: z.enum(ITEM_KINDS),
  name: z.string().trim().min(2).max(40),
  description: z.string().trim().max(300).default(''),
  materials: z.array(z.string().trim().min(2).max(40)).max(12),
  fee: z.number().int().min(0).max(10_000),
  timeLimitDays: z.number().int().min(0).max(60),
  collectAt: z.string().trim().min(2).max(60),
  active: z.boolean().default(true),
  order: z.number().int().min(0).max(10_000).default(0),
});

/** Staff publish or change an item of their community's list; audited. */
export const itemSave = defineAction({
  summary: '新增或修改本社区的服务事项',
  input: ZItemSaveInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    requireClerk(ctx.caller, input.communityId);
    if (new Set(input.materials).size !== input.materials.length) throw new AppError('INVALID_INPUT', '所需材料重复');
    const at = ctx.clock.now().toISOString();
    const id = input.id ?? ctx.newId();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const had = await tx.get<ServiceItemDoc>(SERVICE_COLLECTIONS.items, id);
      if (had && had.communityId !== input.communityId) throw new AppError('CONFLICT', '该编号已被其他社区使用');
      const doc: ServiceItemDoc = {
        _id: id,
        communityId: input.communityId,
        kind: input.kind,
        name: input.name,
        description: input.description,
        materials: input.materials,
        fee: input.fee,
        timeLimitDays: input.timeLimitDays,
        collectAt: input.collectAt,
        active: input.active,
        order: input.order,
        updatedAt: at,
        updatedBy: ctx.caller.userId,
      };
      if (had) {
        const { _id, ...rest } = doc;
        await tx.updateById(SERVICE_COLLECTIONS.items, id, { $set: rest });
      } else await tx.insert(SERVICE_COLLECTIONS.items, doc);
      await audit(tx, ctx, {
        id: auditId,
        at,
        action: 'services.item.save',
        communityId: input.communityId,
        target: { collection: SERVICE_COLLECTIONS.items, id },
        details: { kind: input.kind, created: !had, active: input.active },
      });
      return itemView(doc);
    });
  },
});
