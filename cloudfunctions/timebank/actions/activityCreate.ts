import { z } from 'zod';
import { type ActivityDoc, TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { activityView, canManage, homeCommunity, writeAudit } from '../core';
import { MAX_ACTIVITY_MS } from '../lib/activities';

export const ZActivityCreateInputSchema = z.strictObject({
  title: z.string().trim().min(2).max(40),
  description: z.string().trim().max(1000).default(''),
  place: z.string().trim().min(1).max(60),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  slots: z.number().int().min(1).max(500),
  skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  /** Minutes credited for full attendance; defaults to the activity's length. */
  creditMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});

export const activityCreate = defineAction({
  summary: '发布志愿活动（社区工作者或已认证志愿者）',
  input: ZActivityCreateInputSchema,
  roles: 'authenticated',
  access: { scope: ['member', 'staff'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const startsAt = new Date(input.startsAt).toISOString();
    const endsAt = new Date(input.endsAt).toISOString();
    const length = Date.parse(endsAt) - Date.parse(startsAt);
    if (length <= 0 || length > MAX_ACTIVITY_MS)
      throw new AppError('INVALID_INPUT', '活动时间不正确（须在一天之内结束）');
    const now = ctx.clock.now();
    if (Date.parse(startsAt) <= now.getTime()) throw new AppError('INVALID_INPUT', '开始时间已过，请选择以后的时间');
    const lengthMinutes = Math.floor(length / 60_000);
    if (input.creditMinutes !== undefined && input.creditMinutes > lengthMinutes) {
      throw new AppError('INVALID_INPUT', `计时不能超过活动时长 ${lengthMinutes} 分钟`);
    }
    const at = now.toISOString();
    const ids = { activityId: ctx.newId(), secret: `${ctx.newId()}${ctx.newId()}`, auditId: ctx.newId() };
    return ctx.store.runTransaction(async (tx) => {
      if (!canManage(ctx.caller, communityId)) {
        const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, ctx.caller.userId);
        if (volunteer?.status !== 'verified' || volunteer.communityId !== communityId) {
          throw new AppError('FORBIDDEN', '只有社区工作者或已认证的志愿者可以发布活动');
        }
      }
      const doc: ActivityDoc = {
        _id: ids.activityId,
        communityId,
        organizerUserId: ctx.caller.userId,
        title: input.title,
        description: input.description,
        place: input.place,
        startsAt,
        endsAt,
        slots: input.slots,
        skills: input.skills,
        creditMinutes: input.creditMinutes ?? lengthMinutes,
        waitlist: [],
        released: 0,
        secret: ids.secret,
        status: 'published',
        createdAt: at,
      };
      await tx.insert(TB_COLLECTIONS.activities, doc);
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'activity.create',
        communityId,
        target: { collection: TB_COLLECTIONS.activities, id: doc._id },
        details: { slots: doc.slots, creditMinutes: doc.creditMinutes },
      });
      return activityView(doc);
    });
  },
});
