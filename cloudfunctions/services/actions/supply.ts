import { z } from 'zod';
import { nextStatus, SERVICE_COLLECTIONS } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { applicationView, loadApplication, loadItem } from '../lib/access';
import { checkMaterials, ZId, ZMaterials } from './apply';

export const ZSupplyInputSchema = z.strictObject({
  applicationId: ZId,
  /** The materials asked for (others may be replaced too): merged over what was sent before. */
  materials: ZMaterials.min(1),
  note: z.string().trim().max(200).default(''),
});

/** The applicant sends what the 补正 asked for; the application goes back to the window. */
export const supply = defineAction({
  summary: '按补正要求补交材料',
  input: ZSupplyInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    const first = await loadApplication(ctx.store, input.applicationId);
    if (first.applicantUserId !== ctx.caller.userId) throw new AppError('NOT_FOUND', '申请不存在');
    const item = await loadItem(ctx.store, first.itemId);
    await checkMaterials(ctx, item, input.materials);
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const app = await loadApplication(tx, input.applicationId);
      const status = nextStatus(app.status, 'supply', app.acceptedAt !== null);
      if (!status) throw new AppError('CONFLICT', '该申请当前不需要补交材料');
      const replaced = new Set(input.materials.map((m) => m.name));
      const materials = [...app.materials.filter((m) => !replaced.has(m.name)), ...input.materials];
      const stillMissing = app.missing.filter((name) => item.materials.includes(name) && !replaced.has(name));
      if (stillMissing.length > 0) {
        throw new AppError('INVALID_INPUT', `还缺少：${stillMissing.join('、')}`);
      }
      const update = {
        status,
        materials,
        missing: [],
        events: [...app.events, { at, byUserId: ctx.caller.userId, step: 'supply' as const, note: input.note }],
        updatedAt: at,
      };
      await tx.updateById(SERVICE_COLLECTIONS.applications, app._id, { $set: update });
      return applicationView(ctx, { ...app, ...update });
    });
  },
});
