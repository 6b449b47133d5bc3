import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { holdsIn } from '../../_core/domain/roles';
import {
  type ApplicationDoc,
  ITEM_KIND_LABELS,
  itemFigures,
  SERVICE_COLLECTIONS,
  type SealEntryDoc,
  type ServiceItemDoc,
} from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isClerk, requireSealReader } from '../lib/access';

const ZId = z.string().min(1).max(64);

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

export const ZSealsInputSchema = z.strictObject({
  communityId: ZId.optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The seal register: who asked, for which document and purpose, when, approved by whom. */
export const seals = defineAction({
  summary: '用印登记簿（申请人、文件、用途、时间、批准人），供工作人员和乡贤监督',
  input: ZSealsInputSchema,
  roles: ['staff', 'sage', 'admin'],
  access: { scope: ['staff', 'supervisor'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
    requireSealReader(ctx.caller, communityId);
    const rows = await ctx.store.find<SealEntryDoc>(
      SERVICE_COLLECTIONS.seals,
      { communityId },
      {
        orderBy: [
          ['usedAt', 'desc'],
          ['_id', 'desc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const names = new Map<string, string>();
    const nameOf = async (userId: string) => {
      if (!names.has(userId))
        names.set(userId, (await ctx.store.get<UserDoc>(COLLECTIONS.users, userId))?.nickname ?? '');
      return names.get(userId) ?? '';
    };
    const items = [];
    for (const s of rows.slice(0, input.limit)) {
      items.push({
        id: s._id,
        applicationId: s.applicationId,
        itemName: s.itemName,
        document: s.document,
        purpose: s.purpose,
        applicant: await nameOf(s.applicantUserId),
        approvedBy: await nameOf(s.approvedBy),
        usedAt: s.usedAt,
      });
    }
    return { communityId, items, hasMore: rows.length > input.limit };
  },
});
