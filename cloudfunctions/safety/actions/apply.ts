import { z } from 'zod';
import { COLLECTIONS, type GridDoc } from '../../_core/domain/people';
import { SAFETY_COLLECTIONS, UNIT_TYPES } from '../../_core/domain/safety';
import { underCap } from '../../_core/runtime/caps';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { type UnitDoc, unitView } from '../lib/units';

export const ZId = z.string().min(1).max(64);

export const ZApplyInputSchema = z.strictObject({
  type: z.enum(UNIT_TYPES),
  name: z.string().trim().min(2).max(40),
  address: z.string().trim().min(2).max(100),
  gridId: ZId,
  contactName: z.string().trim().min(1).max(20),
  contactPhone: z.string().regex(/^1\d{10}$/, '请填写 11 位手机号'),
  note: z.string().trim().max(200).default(''),
});

/** Open applications (not yet decided) one person may hold at once. */
const MAX_OPEN_PER_PERSON = 10;

/** A resident or a unit's contact applies for a 平安细胞 title in their own community. */
export const apply = defineAction({
  summary: '申请平安细胞（平安家庭、平安小区、平安校园、平安医院、平安企业）',
  input: ZApplyInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['safety'], writes: true },
  handler: async (input, ctx) => {
    const communityId = ctx.caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, input.gridId);
    if (!grid || grid.communityId !== communityId) throw new AppError('NOT_FOUND', '网格不存在');
    // Counted and inserted under the cap (caps.ts): parallel applications cannot all slip past it,
    // nor two of the same name.
    const cap = {
      id: `safety:${ctx.caller.userId}`,
      limit: MAX_OPEN_PER_PERSON,
      count: async () => {
        const mine = await ctx.store.find<UnitDoc>(
          SAFETY_COLLECTIONS.units,
          { applicantUserId: ctx.caller.userId },
          { orderBy: [['appliedAt', 'desc']], limit: 100 },
        );
        if (mine.some((u) => u.type === input.type && u.name === input.name)) {
          throw new AppError('CONFLICT', '已申请过同名的平安细胞，请在“我的申请”中查看');
        }
        return mine.filter((u) => u.status === 'applied').length;
      },
      refusal: () => new AppError('RATE_LIMITED', '待评定的申请过多，请等待评定后再申请'),
    };
    const at = ctx.clock.now().toISOString();
    const unit: UnitDoc = {
      _id: ctx.newId(),
      communityId,
      gridId: grid._id,
      type: input.type,
      name: input.name,
      address: input.address,
      applicantUserId: ctx.caller.userId,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      note: input.note,
      status: 'applied',
      appliedAt: at,
      evaluatedAt: null,
      scorecardId: null,
      score: null,
      year: null,
      title: null,
      expiresAt: null,
      evaluations: 0,
      updatedAt: at,
    };
    await underCap(ctx.store, cap, (claim) =>
      ctx.store.runTransaction(async (tx) => {
        await claim(tx);
        await tx.insert(SAFETY_COLLECTIONS.units, unit);
      }),
    );
    return unitView(ctx, unit);
  },
});
