import { z } from 'zod';
import { isSatisfied, ratingLabel } from '../../_core/domain/reports/case';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';

export const ZRateInputSchema = z.strictObject({
  reportId: ZReportId,
  /** 「好差评」 five levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
  score: z.number().int().min(1).max(5),
  /** Optional praise or remark; required (the reason) when the score sends the case back. */
  comment: z.string().trim().max(200).optional(),
});

export const rate = defineAction({
  summary: '评价办理结果（非常满意…非常不满意五级）：基本满意及以上办结，不满意退回重办（需说明原因）',
  input: ZRateInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const satisfied = isSatisfied(input.score);
    const comment = input.comment || null;
    // The grid worker redoes the work from the reason: without one they would guess.
    if (!satisfied && (comment === null || comment.length < 2)) {
      throw new AppError('INVALID_INPUT', '请说明不满意的原因，便于网格员重新办理');
    }
    const level = ratingLabel(input.score);
    const event = satisfied ? 'rate_satisfied' : 'rate_unsatisfied';
    const updated = await runTransition(ctx, input.reportId, event, (report, now) => {
      const rating = { score: input.score, satisfied, comment, at: now };
      const note = comment ? `${level}：${comment}` : level;
      if (satisfied) {
        return { set: { rating, closedAt: now }, note };
      }
      return {
        set: { rating, reworkCount: report.reworkCount + 1 },
        note,
        alsoNotify: report.assigneeUserId
          ? { userId: report.assigneeUserId, title: '工单被退回重办', body: `居民评价${note}` }
          : undefined,
      };
    });
    return answer(updated);
  },
});
