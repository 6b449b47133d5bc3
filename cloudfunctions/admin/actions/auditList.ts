import { z } from 'zod';
import { AUDIT_COLLECTION, type AuditDoc } from '../../_core/domain/audit';
import { isStaffOf } from '../../_core/domain/policy';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export const ZAuditListInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const auditList = defineAction({
  summary: '本社区的操作审计记录（谁在何时做了什么）',
  input: ZAuditListInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['audit'], writes: false },
  handler: async (input, ctx) => {
    // Staff see their own community's trail; a street/city admin sees every community's.
    if (!isStaffOf(ctx.caller, input.communityId)) {
      throw new AppError('FORBIDDEN', '只能查看本社区的审计记录');
    }
    const rows = await ctx.store.find<AuditDoc>(
      AUDIT_COLLECTION,
      { communityId: input.communityId },
      { orderBy: [['at', 'desc']], skip: input.skip, limit: input.limit + 1 },
    );
    return {
      items: rows.slice(0, input.limit).map((row) => ({
        id: row._id,
        at: row.at,
        actorUserId: row.actorUserId,
        action: row.action,
        target: row.target,
        details: row.details ?? null,
      })),
      hasMore: rows.length > input.limit,
    };
  },
});
