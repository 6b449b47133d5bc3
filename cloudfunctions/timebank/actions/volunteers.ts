import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { type ActivityDoc, type SignupDoc, TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { countVolunteerChange } from '../../_core/figures/counters';
import { balanceOf, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import {
  homeCommunity,
  requireManage,
  ruleOf,
  STAFF,
  staffCommunity,
  volunteerView,
  writeAudit,
  ZId,
  ZListPage,
} from '../core';

const ZSkill = z.string().trim().min(1).max(20);

export const ZVolunteerRegisterInputSchema = z.strictObject({
  realName: z.string().trim().min(2).max(20),
  skills: z.array(ZSkill).max(10),
  availability: z.string().trim().min(1).max(100),
  /** The person agrees that staff see their real name and that hours are recorded. */
  consent: z.literal(true),
});

export const volunteerRegister = defineAction({
  summary: '登记成为志愿者（实名、技能、可服务时间，待社区认证）',
  input: ZVolunteerRegisterInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const userId = ctx.caller.userId;
    return ctx.store.runTransaction(async (tx) => {
      const existing = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, userId);
      const rule = await ruleOf(tx, communityId);
      if (existing) {
        // Updating one's own details keeps the verification: staff verified the person, not the skill list.
        const update = {
          realName: input.realName,
          skills: input.skills,
          availability: input.availability,
          updatedAt: at,
        };
        await tx.updateById(TB_COLLECTIONS.volunteers, userId, { $set: update });
        return volunteerView({ ...existing, ...update }, rule.starHours);
      }
      const doc: VolunteerDoc = {
        _id: userId,
        userId,
        communityId,
        realName: input.realName,
        skills: input.skills,
        availability: input.availability,
        consentAt: at,
        status: 'pending',
        verifiedBy: null,
        verifiedAt: null,
        confirmedMinutes: 0,
        activityCount: 0,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insert(TB_COLLECTIONS.volunteers, doc);
      await countVolunteerChange(tx, null, doc);
      return volunteerView(doc, rule.starHours);
    });
  },
});

export const ZVolunteerMeInputSchema = z.strictObject({});

export const volunteerMe = defineAction({
  summary: '我的志愿者卡片（时长、积分、星级与升星进度）',
  input: ZVolunteerMeInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (_input, ctx) => {
    const doc = await ctx.store.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, ctx.caller.userId);
    const communityId = doc?.communityId ?? ctx.caller.communityId;
    const rule = communityId ? await ruleOf(ctx.store, communityId) : null;
    const points = await balanceOf(ctx.store, userAccount('TP', ctx.caller.userId));
    return {
      profile: doc && rule ? volunteerView(doc, rule.starHours) : null,
      points,
      rule,
      isStaff: communityId
        ? ctx.caller.grants.some(
            (g) => (g.role === 'staff' || g.role === 'admin') && (g.communityId === communityId || !g.communityId),
          )
        : false,
    };
  },
});

export const ZVolunteerRosterInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(['pending', 'verified']).optional(),
  ...ZListPage,
});

export const volunteerRoster = defineAction({
  summary: '志愿者花名册（本社区，可按认证状态筛选）',
  input: ZVolunteerRosterInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const filter: Record<string, unknown> = { communityId };
    if (input.status) filter.status = input.status;
    const docs = await ctx.store.find<VolunteerDoc>(TB_COLLECTIONS.volunteers, filter, {
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const rule = await ruleOf(ctx.store, communityId);
    return {
      communityId,
      items: docs.slice(0, input.limit).map((d) => volunteerView(d, rule.starHours)),
      hasMore: docs.length > input.limit,
    };
  },
});

export const ZVolunteerVerifyInputSchema = z.strictObject({ userId: ZId });

export const volunteerVerify = defineAction({
  summary: '认证志愿者（授予志愿者身份，可发布活动）',
  input: ZVolunteerVerifyInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['timebank'], writes: true, decides: 'verify' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const doc = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, input.userId);
      if (!doc) throw new AppError('NOT_FOUND', '志愿者不存在');
      requireManage(ctx.caller, doc.communityId);
      await assertNotForSelf(tx, ctx.caller, doc.userId, '不能认证自己（或自己代办的账号），请由另一名工作人员认证');
      if (doc.status === 'verified') throw new AppError('CONFLICT', '该志愿者已认证');
      const update = { status: 'verified' as const, verifiedBy: ctx.caller.userId, verifiedAt: at, updatedAt: at };
      await tx.updateById(TB_COLLECTIONS.volunteers, doc._id, { $set: update });
      await countVolunteerChange(tx, doc, { ...doc, ...update });
      const user = await tx.get<UserDoc>(COLLECTIONS.users, doc.userId);
      if (user && !user.grants.some((g) => g.role === 'volunteer' && g.communityId === doc.communityId)) {
        await tx.updateById(COLLECTIONS.users, user._id, {
          $set: { grants: [...user.grants, { role: 'volunteer', communityId: doc.communityId }], updatedAt: at },
        });
      }
      await writeAudit(tx, ctx, {
        id: auditId,
        at,
        action: 'volunteer.verify',
        communityId: doc.communityId,
        target: { collection: TB_COLLECTIONS.volunteers, id: doc._id },
      });
      const rule = await ruleOf(tx, doc.communityId);
      return volunteerView({ ...doc, ...update }, rule.starHours);
    });
  },
});

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
