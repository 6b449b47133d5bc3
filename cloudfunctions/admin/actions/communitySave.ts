import { z } from 'zod';
import { COLLECTIONS, type CommunityDoc, type StreetDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, requireGlobalAdmin, ZId, ZName } from '../lib/manage';

export const ZCommunitySaveInputSchema = z.strictObject({
  id: ZId.regex(/^[a-z0-9-]+$/),
  streetId: ZId,
  name: ZName,
  kind: z.enum(['community', 'village']),
});

/** Creates a community (or village) in a street, or renames / moves it (street/city admins). */
export const communitySave = defineAction({
  summary: '新建或修改社区（村）',
  input: ZCommunitySaveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['places'], writes: true },
  handler: async (input, ctx) => {
    requireGlobalAdmin(ctx);
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      if (!(await tx.get<StreetDoc>(COLLECTIONS.streets, input.streetId)))
        throw new AppError('NOT_FOUND', '街道不存在');
      const existing = await tx.get<CommunityDoc>(COLLECTIONS.communities, input.id);
      const fields = { streetId: input.streetId, name: input.name, kind: input.kind };
      if (existing) await tx.updateById(COLLECTIONS.communities, input.id, { $set: fields });
      else await tx.insert<CommunityDoc>(COLLECTIONS.communities, { _id: input.id, ...fields });
      await audit(
        tx,
        ctx,
        auditId,
        at,
        existing ? 'admin.community.update' : 'admin.community.create',
        input.id,
        { collection: COLLECTIONS.communities, id: input.id },
        { name: input.name, streetId: input.streetId, previousName: existing?.name ?? null },
      );
      return { id: input.id, ...fields, created: !existing };
    });
  },
});
