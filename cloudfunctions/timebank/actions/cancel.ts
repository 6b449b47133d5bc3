import { z } from 'zod';
import { type ActivityDoc, type SignupDoc, type SlotDoc, slotId, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { StoreError } from '../../_core/store/docstore';
import { activityView, notify, writeAudit, ZId } from '../core';
import { organisedActivity } from '../lib/attendance';
import { readPlaces, SEALED } from '../slots';
import { formatChinaTime } from './reminders';

/** Chinese text: at least one CJK character, so the reason people are told is readable to them. */
const HAS_CHINESE = /[\u4e00-\u9fff]/;

export const ZActivityCancelInputSchema = z.strictObject({
  activityId: ZId,
  reason: z.string().trim().min(2).max(200),
});

/** Marks "the sign-up list moved while we read it": the whole cancellation is tried again. */
class StaleSignups extends Error {}

/**
 * Cancels an activity (organiser or community staff) with a reason every signed-up or waiting
 * volunteer is told, in the cancellation's transaction. Afterwards nobody can sign up, check in or
 * have hours confirmed. Refused once any hours were confirmed: those points stand (correct them instead).
 */
export const activityCancel = defineAction({
  summary: '取消志愿活动（组织者或社区工作者，须说明原因，已报名的志愿者会收到通知）',
  input: ZActivityCancelInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    if (!HAS_CHINESE.test(input.reason)) throw new AppError('INVALID_INPUT', '请用中文填写取消原因');
    await organisedActivity(ctx.store, ctx, input.activityId);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      // `find` does not exist inside a transaction: the list is read first and checked against the
      // activity's own counters inside it (a sign-up changes them), so nobody is left untold.
      const signups = await ctx.store.find<SignupDoc>(
        TB_COLLECTIONS.signups,
        { activityId: input.activityId },
        { orderBy: [['_id', 'asc']], limit: 1000 },
      );
      const told = signups.filter((s) => s.status === 'signed' || s.status === 'waiting');
      const seen = await readPlaces(ctx.store, input.activityId);
      if (!seen) throw new AppError('NOT_FOUND', '活动不存在');
      const ids = new Map(told.map((s) => [s._id, { messageId: ctx.newId(), outboxId: ctx.newId() }]));
      try {
        return await ctx.store.runTransaction(async (tx) => {
          const activity = await organisedActivity(tx, ctx, input.activityId);
          if (activity.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消');
          const current: SignupDoc[] = [];
          for (const s of told) {
            const doc = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, s._id);
            if (doc && (doc.status === 'signed' || doc.status === 'waiting')) current.push(doc);
          }
          const signed = current.filter((s) => s.status === 'signed');
          if (current.length - signed.length !== activity.waitlist.length) throw new StaleSignups();
          // Every place nobody held when read is sealed: a sign-up racing this cancellation inserts
          // the same slot document, so one of the two fails and reruns (it then finds the activity
          // cancelled, or this finds its sign-up and tells that person too). A sign-up writes no
          // common document, so without the seals it could commit untold beside the cancellation.
          const holders = new Set(signed.map((s) => s.userId));
          for (const [, holder] of seen.holders)
            if (holder !== SEALED && !holders.has(holder)) throw new StaleSignups();
          for (let k = 0; k < activity.slots; k += 1) {
            if (seen.taken.has(k)) continue;
            await tx.insert<SlotDoc>(TB_COLLECTIONS.slots, {
              _id: slotId(activity._id, k),
              activityId: activity._id,
              communityId: activity.communityId,
              slot: k,
              userId: SEALED,
              at,
            });
          }
          if (current.some((s) => s.confirmedAt)) {
            throw new AppError('CONFLICT', '已有志愿者的时长已确认，不能取消活动；如需调整请更正时长');
          }
          const update = {
            status: 'cancelled' as const,
            cancelledAt: at,
            cancelledBy: ctx.caller.userId,
            cancelReason: input.reason,
          };
          await tx.updateById(TB_COLLECTIONS.activities, activity._id, { $set: update });
          for (const s of current) {
            await notify(tx, {
              ...(ids.get(s._id) as { messageId: string; outboxId: string }),
              userId: s.userId,
              kind: 'general',
              title: '志愿活动已取消',
              body: `您报名的志愿活动「${activity.title}」（${formatChinaTime(activity.startsAt)}）已取消。原因：${input.reason}`,
              link: `/packages/volunteer/activity/index?id=${activity._id}`,
              at,
            });
          }
          await writeAudit(tx, ctx, {
            id: auditId,
            at,
            action: 'activity.cancel',
            communityId: activity.communityId,
            target: { collection: TB_COLLECTIONS.activities, id: activity._id },
            details: { told: current.length },
          });
          const cancelled: ActivityDoc = { ...activity, ...update };
          return { activity: activityView(cancelled), told: current.length };
        });
      } catch (error) {
        // A duplicate seal: someone took that place after it was read, so read the list again.
        const taken = error instanceof StoreError && error.code === 'DUPLICATE_KEY';
        if (!(error instanceof StaleSignups) && !taken) throw error;
      }
    }
    throw new AppError('CONFLICT', '报名名单正在变化，请稍后重试');
  },
});
