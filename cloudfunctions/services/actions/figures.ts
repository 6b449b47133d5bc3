import { z } from 'zod';
import { holdsIn } from '../../_core/domain/roles';
import {
  type ApplicationDoc,
  ITEM_KIND_LABELS,
  itemFigures,
  SERVICE_COLLECTIONS,
  type ServiceItemDoc,
} from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isClerk } from '../lib/access';

export const ZId = z.string().min(1).max(64);

/** Applications read per item for the figures: a year of a busy item fits. */
const FIGURES_PAGE = 1000;

export const ZFiguresInputSchema = z.strictObject({ communityId: ZId.optional() });

/** Per item: how many applied, how long it took, whether the 承诺时限 was kept. Staff and supervisors. */
export const figures = defineAction({
  summary: '服务事项办理统计（办结用时、按时办结率）',
  input: ZFiguresInputSchema,
  roles: ['staff', 'sage', 'admin'],
  access: { scope: ['staff', 'supervisor'], touches: ['services', 'figures'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
    if (!isClerk(ctx.caller, communityId) && !holdsIn(ctx.caller, 'sage', communityId)) {
      throw new AppError('FORBIDDEN', '只能查看本社区的办理统计');
    }
    const items = await ctx.store.find<ServiceItemDoc>(
      SERVICE_COLLECTIONS.items,
      { communityId },
      { orderBy: [['order', 'asc']], limit: 200 },
    );
    const nowIso = ctx.clock.now().toISOString();
    const rows = [];
    for (const item of items) {
      const apps = await ctx.store.find<ApplicationDoc>(
        SERVICE_COLLECTIONS.applications,
        { itemId: item._id },
        { orderBy: [['submittedAt', 'desc']], limit: FIGURES_PAGE },
      );
      rows.push({
        name: item.name,
        kind: item.kind,
        kindLabel: ITEM_KIND_LABELS[item.kind],
        ...itemFigures(item._id, apps, nowIso),
      });
    }
    return { communityId, items: rows };
  },
});
