import { z } from 'zod';
import { COLLECTIONS, type GridDoc } from '../../_core/domain/people';
import { SAFETY_COLLECTIONS } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadUnit, managesCommunity, type ScorecardDoc, scorecardView, unitView } from '../lib/units';
import { ZId } from './apply';

export const ZUnitInputSchema = z.strictObject({ unitId: ZId });

/** One application with its scorecards, newest first: for its applicant and the community's staff. */
export const unit = defineAction({
  summary: '平安细胞申请详情及历次评分表',
  input: ZUnitInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['safety'], writes: false },
  handler: async (input, ctx) => {
    const u = await loadUnit(ctx, input.unitId);
    if (u.applicantUserId !== ctx.caller.userId && !managesCommunity(ctx, u.communityId)) {
      throw new AppError('FORBIDDEN', '只能查看自己的申请或本社区的申请');
    }
    const cards = await ctx.store.find<ScorecardDoc>(
      SAFETY_COLLECTIONS.scorecards,
      { unitId: u._id },
      { orderBy: [['evaluatedAt', 'desc']], limit: 20 },
    );
    const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, u.gridId);
    return { unit: { ...unitView(ctx, u), gridName: grid?.name ?? '' }, scorecards: cards.map(scorecardView) };
  },
});
