import { z } from 'zod';
import { COLLECTIONS, type CommunityDoc, type GridDoc } from '../../_core/domain/people';
import { maxScore, UNIT_TYPE_LABELS, UNIT_TYPES } from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadCriteria } from '../lib/units';

export const ZId = z.string().min(1).max(64);

export const ZCriteriaInputSchema = z.strictObject({
  /** Defaults to the caller's own community. */
  communityId: ZId.optional(),
});

/** The published criteria: anyone signed in may read them (residents see what they are judged on). */
export const criteria = defineAction({
  summary: '平安细胞评定标准（公开）',
  input: ZCriteriaInputSchema,
  roles: 'authenticated',
  access: { scope: ['any'], touches: ['safety'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请先加入社区');
    const community = await ctx.store.get<CommunityDoc>(COLLECTIONS.communities, communityId);
    if (!community) throw new AppError('NOT_FOUND', '社区不存在');
    const [doc, grids] = await Promise.all([
      loadCriteria(ctx, communityId),
      ctx.store.find<GridDoc>(COLLECTIONS.grids, { communityId }, { orderBy: [['name', 'asc']], limit: 200 }),
    ]);
    return {
      communityId,
      communityName: community.name,
      criteria: doc.criteria,
      passScore: doc.passScore,
      max: maxScore(doc.criteria),
      publishedAt: doc.publishedAt || null,
      types: UNIT_TYPES.map((t) => ({ id: t, label: UNIT_TYPE_LABELS[t] })),
      /** Where a unit may be: the community's grids (the apply form picks one). */
      grids: grids.map((g) => ({ id: g._id, name: g.name })),
    };
  },
});
