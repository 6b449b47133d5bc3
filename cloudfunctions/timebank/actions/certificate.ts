import { z } from 'zod';
import { type ActivityDoc, type SignupDoc, TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ruleOf, volunteerView } from '../core';

export const ZCertificateInputSchema = z.strictObject({
  /** The totals are on the volunteer's record; the activities behind them come a page at a time. */
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});

/** The certificate of hours: the person, their totals and star, and each confirmed activity. */
export const certificate = defineAction({
  summary: '志愿服务时长证明',
  input: ZCertificateInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const doc = await ctx.store.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, ctx.caller.userId);
    if (!doc) throw new AppError('NOT_FOUND', '请先登记成为志愿者');
    const rule = await ruleOf(ctx.store, doc.communityId);
    const rows = await ctx.store.find<SignupDoc>(
      TB_COLLECTIONS.signups,
      { userId: ctx.caller.userId, confirmedAt: { $ne: null } },
      { orderBy: [['createdAt', 'desc']], skip: input.skip, limit: input.limit + 1 },
    );
    const confirmed = rows.slice(0, input.limit);
    const activities = confirmed.length
      ? await ctx.store.find<ActivityDoc>(
          TB_COLLECTIONS.activities,
          { _id: { $in: confirmed.map((s) => s.activityId) } },
          { limit: input.limit },
        )
      : [];
    const byId = new Map(activities.map((a) => [a._id, a]));
    return {
      volunteer: volunteerView(doc, rule.starHours),
      issuedAt: ctx.clock.now().toISOString(),
      items: confirmed.map((s) => ({
        activityId: s.activityId,
        title: byId.get(s.activityId)?.title ?? '',
        date: byId.get(s.activityId)?.startsAt ?? s.createdAt,
        minutes: s.confirmedMinutes ?? 0,
        points: s.points ?? 0,
      })),
      hasMore: rows.length > input.limit,
    };
  },
});
