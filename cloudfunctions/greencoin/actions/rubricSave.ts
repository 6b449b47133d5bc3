import { z } from 'zod';
import { GC_COLLECTIONS, type RubricDoc } from '../../_core/domain/greencoin';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { staffCommunity, writeAudit } from '../core';
import { STAFF, ZId, ZRubricLine } from '../lib/awards';

export const ZRubricSaveInputSchema = z.strictObject({
  communityId: ZId.optional(),
  title: z.string().trim().min(1).max(40),
  lines: z.array(ZRubricLine).min(1).max(100),
  /** Awards above this many coins need a second staff member. */
  approvalThreshold: z.number().int().min(0).max(100_000),
  redemptionExpiryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});

export const rubricSave = defineAction({
  summary: '发布本社区的绿币评定细则和设置（复核限额、兑换审核时限）',
  input: ZRubricSaveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const ids = new Set(input.lines.map((l) => l.id));
    if (ids.size !== input.lines.length) throw new AppError('INVALID_INPUT', '细则条目编号不能重复');
    if (input.lines.some((l) => (l.kind === 'veto') !== (l.amount === 0))) {
      throw new AppError('INVALID_INPUT', '一票否决条目分值为 0，其他条目分值须大于 0');
    }
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    await ctx.store.runTransaction(async (tx) => {
      const existing = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, communityId);
      const fields = {
        title: input.title,
        lines: input.lines,
        approvalThreshold: input.approvalThreshold,
        redemptionExpiryHours: input.redemptionExpiryHours,
        publishedAt: at,
        updatedAt: at,
      };
      if (existing) await tx.updateById(GC_COLLECTIONS.rubrics, communityId, { $set: fields });
      else await tx.insert<RubricDoc>(GC_COLLECTIONS.rubrics, { _id: communityId, communityId, ...fields });
      await writeAudit(tx, ctx, {
        id: auditId,
        at,
        action: 'rubric.save',
        communityId,
        target: { collection: GC_COLLECTIONS.rubrics, id: communityId },
        details: { lines: input.lines.length, approvalThreshold: input.approvalThreshold },
      });
    });
    return { communityId, publishedAt: at };
  },
});
