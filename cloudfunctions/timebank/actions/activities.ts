import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import {
  type ActivityDoc,
  DISPUTE_LABELS,
  MAX_DISPUTES,
  type SignupDoc,
  type SignupStatus,
  type SlotDoc,
  signupId,
  slotId,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { activityView, canManage, homeCommunity, notify, writeAudit, ZId, ZListPage } from '../core';
import { placesTaken, readPlaces, StalePlaces, takeSlot } from '../slots';

const MAX_ACTIVITY_MS = 24 * 3600_000;

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

export const ZActivityListInputSchema = z.strictObject({
  /** upcoming: not yet ended, soonest first; past: ended, latest first; organised: the caller's own. */
  scope: z.enum(['upcoming', 'past', 'organised']).default('upcoming'),
  ...ZListPage,
});

export const activityList = defineAction({
  summary: '志愿活动列表（本社区）',
  input: ZActivityListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const now = ctx.clock.now().toISOString();
    const filter: Record<string, unknown> = { communityId, status: 'published' };
    if (input.scope === 'upcoming') filter.endsAt = { $gte: now };
    if (input.scope === 'past') filter.endsAt = { $lt: now };
    if (input.scope === 'organised') filter.organizerUserId = ctx.caller.userId;
    const docs = await ctx.store.find<ActivityDoc>(TB_COLLECTIONS.activities, filter, {
      orderBy: [
        ['endsAt', input.scope === 'upcoming' ? 'asc' : 'desc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const at = ctx.clock.now();
    const page = docs.slice(0, input.limit);
    const taken = await placesTaken(
      ctx.store,
      page.map((d) => d._id),
    );
    return {
      items: page.map((d) => activityView(d, undefined, at, taken.get(d._id))),
      hasMore: docs.length > input.limit,
    };
  },
});

function signupView(doc: SignupDoc | null) {
  if (!doc) return null;
  return {
    id: doc._id,
    activityId: doc.activityId,
    status: doc.status,
    statusLabel: SIGNUP_LABELS[doc.status],
    checkInAt: doc.checkInAt,
    checkOutAt: doc.checkOutAt,
    confirmedMinutes: doc.confirmedMinutes,
    confirmedAt: doc.confirmedAt,
    points: doc.points,
    corrections: doc.corrections ?? 0,
    dispute: doc.dispute ? { ...doc.dispute, statusLabel: DISPUTE_LABELS[doc.dispute.status] } : null,
    canDispute: Boolean(doc.confirmedAt) && doc.dispute?.status !== 'open' && (doc.disputeCount ?? 0) < MAX_DISPUTES,
  };
}

const SIGNUP_LABELS: Record<SignupStatus, string> = { signed: '已报名', waiting: '候补中', cancelled: '已取消' };

export const ZActivityGetInputSchema = z.strictObject({ activityId: ZId });

export const activityGet = defineAction({
  summary: '活动详情（含我的报名与签到状态）',
  input: ZActivityGetInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const doc = await ctx.store.get<ActivityDoc>(TB_COLLECTIONS.activities, input.activityId);
    if (!doc || (doc.communityId !== ctx.caller.communityId && !canManage(ctx.caller, doc.communityId))) {
      throw new AppError('NOT_FOUND', '活动不存在');
    }
    const organizer = await ctx.store.get<UserDoc>(COLLECTIONS.users, doc.organizerUserId);
    const mine = await ctx.store.get<SignupDoc>(TB_COLLECTIONS.signups, signupId(doc._id, ctx.caller.userId));
    const position = doc.waitlist.indexOf(ctx.caller.userId);
    const taken = await placesTaken(ctx.store, [doc._id]);
    return {
      activity: activityView(doc, organizer?.nickname, ctx.clock.now(), taken.get(doc._id)),
      mine: signupView(mine),
      waitingPosition: position >= 0 ? position + 1 : null,
      canOrganise: doc.organizerUserId === ctx.caller.userId || canManage(ctx.caller, doc.communityId),
    };
  },
});

export const ZActivitySignUpInputSchema = z.strictObject({ activityId: ZId });

export const activitySignUp = defineAction({
  summary: '报名志愿活动（名额已满则进入候补）',
  input: ZActivitySignUpInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const userId = ctx.caller.userId;
    const id = signupId(input.activityId, userId);
    // The taken slots are read outside the transaction (a query cannot run inside one) and checked
    // inside it slot by slot; when they moved meanwhile the whole sign-up starts again.
    for (let round = 0; round < 4; round += 1) {
      const seen = await readPlaces(ctx.store, input.activityId);
      if (!seen) throw new AppError('NOT_FOUND', '活动不存在');
      try {
        return await ctx.store.runTransaction(async (tx) => {
          const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, userId);
          if (!volunteer) throw new AppError('FORBIDDEN', '请先登记成为志愿者');
          const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, input.activityId);
          if (activity?.status !== 'published' || activity.communityId !== volunteer.communityId) {
            throw new AppError('NOT_FOUND', '活动不存在');
          }
          if (Date.parse(activity.startsAt) <= now.getTime()) throw new AppError('CONFLICT', '活动已开始，不能再报名');
          const existing = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
          if (existing && existing.status !== 'cancelled') throw new AppError('CONFLICT', '您已报名该活动');
          // People are waiting only while every place is taken: nobody jumps the queue.
          const slot = activity.waitlist.length === 0 ? await takeSlot(tx, activity, userId, seen, at) : null;
          const status: SignupStatus = slot === null ? 'waiting' : 'signed';
          if (slot === null) {
            // A place freed since the slots were read: read again rather than wait beside it.
            if ((activity.released ?? 0) !== seen.released) throw new StalePlaces();
            await tx.updateById(TB_COLLECTIONS.activities, activity._id, {
              $set: { waitlist: [...activity.waitlist, userId] },
            });
          }
          const doc: SignupDoc = {
            _id: id,
            activityId: activity._id,
            communityId: activity.communityId,
            userId,
            status,
            createdAt: existing?.createdAt ?? at,
            updatedAt: at,
            checkInAt: null,
            checkOutAt: null,
            confirmedMinutes: null,
            confirmedAt: null,
            confirmedBy: null,
            points: null,
            postingId: null,
            slot,
          };
          if (existing) {
            const { _id, ...rest } = doc;
            await tx.updateById(TB_COLLECTIONS.signups, id, { $set: rest });
          } else await tx.insert(TB_COLLECTIONS.signups, doc);
          return {
            signup: signupView(doc),
            waitingPosition: status === 'waiting' ? activity.waitlist.length + 1 : null,
          };
        });
      } catch (error) {
        if (!(error instanceof StalePlaces)) throw error;
      }
    }
    throw new AppError('CONFLICT', '报名的人较多，名额正在变化，请稍后重试');
  },
});

export const ZActivityCancelSignUpInputSchema = z.strictObject({ activityId: ZId });

export const activityCancelSignUp = defineAction({
  summary: '取消报名（活动开始前；空出的名额给第一位候补）',
  input: ZActivityCancelSignUpInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const ids = { messageId: ctx.newId(), outboxId: ctx.newId() };
    const id = signupId(input.activityId, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const signup = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, id);
      if (!signup || signup.status === 'cancelled') throw new AppError('NOT_FOUND', '您没有报名该活动');
      const activity = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, signup.activityId);
      if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
      if (Date.parse(activity.startsAt) <= now.getTime() || signup.checkInAt) {
        throw new AppError('CONFLICT', '活动已开始，不能取消报名');
      }
      await tx.updateById(TB_COLLECTIONS.signups, id, { $set: { status: 'cancelled', updatedAt: at, slot: null } });
      let promoted: string | null = null;
      if (signup.status === 'waiting') {
        await tx.updateById(TB_COLLECTIONS.activities, activity._id, {
          $set: { waitlist: activity.waitlist.filter((u) => u !== signup.userId) },
        });
      } else {
        const slot = await heldSlot(tx, activity, signup);
        const [first, ...rest] = activity.waitlist;
        if (first) {
          // The freed place goes to the first person waiting, in this same transaction.
          promoted = first;
          await tx.updateById(TB_COLLECTIONS.activities, activity._id, { $set: { waitlist: rest } });
          if (slot !== null)
            await tx.updateById(TB_COLLECTIONS.slots, slotId(activity._id, slot), { $set: { userId: first, at } });
          await tx.updateById(TB_COLLECTIONS.signups, signupId(activity._id, first), {
            $set: { status: 'signed', updatedAt: at, slot },
          });
          await notify(tx, {
            ...ids,
            userId: first,
            kind: 'general',
            title: '候补成功',
            body: `您候补的志愿活动「${activity.title}」有名额空出，已为您转为正式报名，请按时参加。`,
            link: `/packages/volunteer/activity/index?id=${activity._id}`,
            at,
          });
        } else {
          if (slot !== null) await tx.removeById(TB_COLLECTIONS.slots, slotId(activity._id, slot));
          // Written so that someone joining the waiting list at this moment conflicts and reads again.
          await tx.updateById(TB_COLLECTIONS.activities, activity._id, {
            $set: { released: (activity.released ?? 0) + 1 },
          });
        }
      }
      return { cancelled: true, promotedUserId: promoted };
    });
  },
});

export const ZSignupsMineInputSchema = z.strictObject({ ...ZListPage });

export const signupsMine = defineAction({
  summary: '我的报名（含候补、签到与确认时长）',
  input: ZSignupsMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const docs = await ctx.store.find<SignupDoc>(
      TB_COLLECTIONS.signups,
      { userId: ctx.caller.userId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const page = docs.slice(0, input.limit);
    const activities = page.length
      ? await ctx.store.find<ActivityDoc>(
          TB_COLLECTIONS.activities,
          { _id: { $in: page.map((s) => s.activityId) } },
          { limit: page.length },
        )
      : [];
    const byId = new Map(activities.map((a) => [a._id, a]));
    return {
      items: page.flatMap((s) => {
        const activity = byId.get(s.activityId);
        const view = signupView(s);
        return activity && view ? [{ ...view, activity: activityView(activity, undefined, now) }] : [];
      }),
      hasMore: docs.length > input.limit,
    };
  },
});

/**
 * The slot a signed person holds. Sign-ups from before slot documents (seeded or older data) have
 * none recorded and hold no slot document: null, nothing to free.
 */
async function heldSlot(tx: TxStore, activity: ActivityDoc, signup: SignupDoc): Promise<number | null> {
  if (typeof signup.slot !== 'number') return null;
  const doc = await tx.get<SlotDoc>(TB_COLLECTIONS.slots, slotId(activity._id, signup.slot));
  return doc?.userId === signup.userId ? signup.slot : null;
}

export { signupView };
