import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type ProcedureDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertReader, isStaff } from '../lib/access';
import { procedureView } from '../lib/views';

export const ZGetProcedureInputSchema = z.strictObject({ procedureId: z.string().min(1).max(64) });

export const getProcedure = defineAction({
  summary: '四议两公开事项的步骤时间线（每步日期、记录人、表决人数）',
  input: ZGetProcedureInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const procedure = await ctx.store.get<ProcedureDoc>(DELIBERATION_COLLECTIONS.procedures, input.procedureId);
    if (!procedure) throw new AppError('NOT_FOUND', '事项不存在');
    assertReader(ctx, procedure.communityId);
    return { ...procedureView(procedure), canManage: isStaff(ctx, procedure.communityId) };
  },
});
