import { z } from 'zod';
import { COLLECTIONS, MAX_STREETS, type StreetDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, requireGlobalAdmin, ZId, ZName } from '../lib/manage';

export const ZStreetSaveInputSchema = z.strictObject({ id: ZId.regex(/^[a-z0-9-]+$/), name: ZName });

/** Creates a street or renames it (street/city admins). */
export const streetSave = defineAction({
  summary: '新建或更名街道',
  input: ZStreetSaveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['places'], writes: true },
  handler: async (input, ctx) => {
    requireGlobalAdmin(ctx);
    const isNew = !(await ctx.store.get<StreetDoc>(COLLECTIONS.streets, input.id));
    if (isNew && (await ctx.store.count(COLLECTIONS.streets, {})) >= MAX_STREETS) {
      throw new AppError('CONFLICT', `最多 ${MAX_STREETS} 个街道`);
    }
    const [auditId] = [ctx.newId()];
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const existing = await tx.get<StreetDoc>(COLLECTIONS.streets, input.id);
      if (existing) await tx.updateById(COLLECTIONS.streets, input.id, { $set: { name: input.name } });
      else await tx.insert<StreetDoc>(COLLECTIONS.streets, { _id: input.id, name: input.name });
      await audit(
        tx,
        ctx,
        auditId as string,
        at,
        existing ? 'admin.street.rename' : 'admin.street.create',
        null,
        {
          collection: COLLECTIONS.streets,
          id: input.id,
        },
        { from: existing?.name ?? null, to: input.name },
      );
      return { id: input.id, name: input.name, created: !existing };
    });
  },
});
