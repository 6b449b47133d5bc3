import { z } from 'zod';
import { COLLECTIONS, type GridDoc } from '../../_core/domain/people';
import { chinaYear, scoreUnit } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { gatherEvidence, isEvaluable, loadCriteria, loadUnit, requireManager, unitView } from '../lib/units';
import { ZId } from './evaluate';

export const ZPreviewInputSchema = z.strictObject({ unitId: ZId });

/** The scorecard as it stands now (automatic items from the data, on-site items at 0), before saving. */
export const preview = defineAction({
  summary: '按公开标准预览评分表（自动评分项及依据）',
  input: ZPreviewInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['safety'], writes: false },
  handler: async (input, ctx) => {
    const u = await loadUnit(ctx, input.unitId);
    requireManager(ctx, u.communityId);
    const now = ctx.clock.now();
    const [criteria, evidence, grid] = await Promise.all([
      loadCriteria(ctx, u.communityId),
      gatherEvidence(ctx, u, now),
      ctx.store.get<GridDoc>(COLLECTIONS.grids, u.gridId),
    ]);
    const card = scoreUnit(criteria.criteria, criteria.passScore, evidence, []);
    return {
      unit: { ...unitView(ctx, u), gridName: grid?.name ?? '' },
      evaluable: isEvaluable(u, now.toISOString()),
      year: chinaYear(now),
      criteria: criteria.criteria,
      evidenceFrom: evidence.from,
      evidenceTo: evidence.to,
      ...card,
    };
  },
});
