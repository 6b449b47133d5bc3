import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { type CategoryDoc, REPORT_COLLECTIONS } from '../../_core/domain/reports/types';
import { communitiesWhere } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isStaffOf, listCategories } from '../lib/access';

/** Custom categories per community: the category list stays one short, unpaged read. */
export const MAX_CUSTOM_CATEGORIES = 30;

export const ZAddCategoryInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(2).max(12),
  responseHours: z.number().int().min(1).max(720),
  resolveHours: z.number().int().min(1).max(2160),
});

export const addCategory = defineAction({
  summary: '新增本社区的事项类别（含时限）',
  input: ZAddCategoryInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? communitiesWhere(ctx.caller, 'staff').find((c) => c !== undefined);
    if (!communityId || !isStaffOf(ctx.caller, communityId)) throw new AppError('FORBIDDEN', '只能设置本社区的类别');
    if (input.resolveHours < input.responseHours) throw new AppError('INVALID_INPUT', '办结时限不能短于响应时限');
    const existing = await listCategories(ctx, communityId);
    if (existing.some((c) => c.name === input.name)) throw new AppError('CONFLICT', '已有同名类别');
    if (existing.filter((c) => c.custom).length >= MAX_CUSTOM_CATEGORIES) {
      throw new AppError('CONFLICT', `每个社区最多自定义 ${MAX_CUSTOM_CATEGORIES} 个类别`);
    }
    const [id, auditId] = [`cat-${ctx.newId()}`, ctx.newId()];
    const at = ctx.clock.now().toISOString();
    const doc: CategoryDoc = {
      _id: id,
      communityId,
      name: input.name,
      responseHours: input.responseHours,
      resolveHours: input.resolveHours,
      createdAt: at,
    };
    await ctx.store.runTransaction(async (tx) => {
      await tx.insert(REPORT_COLLECTIONS.categories, doc);
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at,
          actorUserId: ctx.caller.userId,
          action: 'reports.categories.add',
          communityId,
          target: { collection: REPORT_COLLECTIONS.categories, id },
          details: { responseHours: input.responseHours, resolveHours: input.resolveHours },
        }),
      );
    });
    return { id, name: doc.name, responseHours: doc.responseHours, resolveHours: doc.resolveHours, custom: true };
  },
});
