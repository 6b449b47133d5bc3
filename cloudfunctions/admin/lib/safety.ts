import { SAFETY_COLLECTIONS, UNIT_TYPE_LABELS, UNIT_TYPES } from '../../_core/domain/safety';
import type { ActionContext } from '../../_core/runtime/define';
import type { Filter } from '../../_core/store/docstore';
import type { ResolvedScope } from './scope';

/**
 * 平安细胞 counts of a scope, as they stand now (titles are yearly, so a period does not apply):
 * by status (waiting, holding a title, title expired and due for re-evaluation, failed) and the
 * titles held by type. Nine indexed counts, whatever the size of the scope.
 */
export async function safetyFigures(ctx: ActionContext, s: ResolvedScope) {
  const now = ctx.clock.now().toISOString();
  const where: Filter = s.gridId
    ? { gridId: s.gridId }
    : s.communityIds.length === 1
      ? { communityId: s.communityIds[0] }
      : // The city too: its communities' ids keep every count on the (communityId, type, status) index.
        { communityId: { $in: s.communityIds } };
  const count = (extra: Filter) => ctx.store.count(SAFETY_COLLECTIONS.units, { ...where, ...extra });
  const [applied, awarded, expired, failed, ...byType] = await Promise.all([
    count({ status: 'applied' }),
    count({ status: 'awarded', expiresAt: { $gt: now } }),
    count({ status: 'awarded', expiresAt: { $lte: now } }),
    count({ status: 'failed' }),
    ...UNIT_TYPES.map((type) => count({ type, status: 'awarded', expiresAt: { $gt: now } })),
  ]);
  return {
    byStatus: { applied, awarded, expired, failed },
    /** Titles held now, per unit type. */
    awardedByType: UNIT_TYPES.map((type, i) => ({ type, label: UNIT_TYPE_LABELS[type], count: byType[i] ?? 0 })),
  };
}
