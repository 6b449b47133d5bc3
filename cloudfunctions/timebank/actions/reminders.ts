/**
 * Reminders before an activity starts. Run by `reminder.sweep` (staff), by the local runtime's
 * scheduler and by the CloudBase timer trigger (see index.ts and config.json). Each sign-up is
 * reminded in its own transaction that sets `remindedAt` after checking it is unset, so a second
 * sweep, or two racing sweeps, never remind anyone twice.
 */
import { z } from 'zod';
import { type ActivityDoc, REMINDER_LEAD_MS, type SignupDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { defineAction } from '../../_core/runtime/define';
import { notify, STAFF, staffCommunity, ZId } from '../core';

/** "11月26日 09:30" in China time, for message bodies. */
export function formatChinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export const ZReminderSweepInputSchema = z.strictObject({ communityId: ZId.optional() });

export const reminderSweep = defineAction({
  summary: '活动开始前约 2 小时提醒已报名的志愿者（供定时任务和工作人员调用，每人只提醒一次）',
  input: ZReminderSweepInputSchema,
  roles: STAFF,
  access: { scope: ['staff', 'system'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    // An admin over every community (the timer's system caller) sweeps them all.
    const everywhere = !input.communityId && ctx.caller.grants.some((g) => g.role === 'admin' && !g.communityId);
    const now = ctx.clock.now();
    const filter: Record<string, unknown> = {
      status: 'published',
      startsAt: { $gt: now.toISOString(), $lte: new Date(now.getTime() + REMINDER_LEAD_MS).toISOString() },
    };
    if (!everywhere) filter.communityId = staffCommunity(ctx.caller, input.communityId);
    const due = await ctx.store.find<ActivityDoc>(TB_COLLECTIONS.activities, filter, {
      orderBy: [['startsAt', 'asc']],
      limit: 200,
    });
    const at = now.toISOString();
    let reminded = 0;
    for (const activity of due) {
      const signups = await ctx.store.find<SignupDoc>(
        TB_COLLECTIONS.signups,
        { activityId: activity._id },
        { orderBy: [['_id', 'asc']], limit: 1000 },
      );
      for (const s of signups) {
        if (s.status !== 'signed' || s.remindedAt) continue;
        const ids = { messageId: ctx.newId(), outboxId: ctx.newId() };
        const sent = await ctx.store.runTransaction(async (tx) => {
          const doc = await tx.get<SignupDoc>(TB_COLLECTIONS.signups, s._id);
          const current = await tx.get<ActivityDoc>(TB_COLLECTIONS.activities, activity._id);
          if (doc?.status !== 'signed' || doc.remindedAt || current?.status !== 'published') return false;
          await tx.updateById(TB_COLLECTIONS.signups, doc._id, { $set: { remindedAt: at } });
          await notify(tx, {
            ...ids,
            userId: doc.userId,
            kind: 'general',
            title: '志愿活动即将开始',
            body: `您报名的志愿活动「${current.title}」将于 ${formatChinaTime(current.startsAt)} 在${current.place}开始，请准时到场，凭现场签到码签到。`,
            link: `/packages/volunteer/checkin/index?id=${current._id}`,
            at,
          });
          return true;
        });
        if (sent) reminded += 1;
      }
    }
    return { activities: due.length, reminded };
  },
});
