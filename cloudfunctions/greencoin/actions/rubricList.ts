import { z } from 'zod';
import { GC_COLLECTIONS, RUBRIC_CATEGORIES, type RubricDoc } from '../../_core/domain/greencoin';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ZId } from '../lib/awards';

export const ZRubricListInputSchema = z.strictObject({ communityId: ZId.optional() });

export const rubricList = defineAction({
  summary: '本社区公开的绿币评定细则（加分、扣分、一票否决）',
  input: ZRubricListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请先选择所在社区');
    const rubric = await ctx.store.get<RubricDoc>(GC_COLLECTIONS.rubrics, communityId);
    if (!rubric) throw new AppError('NOT_FOUND', '本社区尚未发布评定细则');
    return {
      communityId,
      title: rubric.title,
      approvalThreshold: rubric.approvalThreshold,
      redemptionExpiryHours: rubric.redemptionExpiryHours,
      publishedAt: rubric.publishedAt,
      categories: RUBRIC_CATEGORIES.map((c) => ({
        key: c.key,
        name: c.name,
        lines: rubric.lines.filter((l) => l.category === c.key),
      })),
    };
  },
});
