/**
 * The 乡贤 term, enforced. Run by `terms.sweep` (the street, by hand), by the local runtime's
 * scheduler and by the CloudBase timer trigger `sageTerms` (see index.ts and cloudbaserc.json):
 * - a term whose end has passed without a renewal ends: the record says expired, the supervisor
 *   role is withdrawn, the person is told;
 * - 30 days before the end the person and the community's staff are told, once per term end.
 * Each appointment changes in its own transaction that re-reads it, so a renewal racing the sweep,
 * or two sweeps, never expire or warn twice.
 */
import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { chinaDateText } from '../../_core/domain/reports/sla';
import { type AppointmentDoc, SAGE_COLLECTIONS, type StationDoc, TERM_WARNING_DAYS } from '../../_core/domain/sages';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { requireStreet, setSageGrant, tell } from '../lib/access';

const DAY_MS = 86_400_000;
const PAGE = 200;

export const ZTermSweepInputSchema = z.strictObject({});

export const termSweep = defineAction({
  summary:
    '乡贤监督员任期到期处理：届满前 30 天提醒本人和社区工作人员，届满未续聘的收回监督权限（供定时任务和街道调用）',
  input: ZTermSweepInputSchema,
  roles: ['admin'],
  access: { scope: ['admin', 'system'], touches: ['sages', 'people'], writes: true },
  handler: async (_input, ctx) => {
    // The timer's system caller is an admin over every community, as the street is.
    requireStreet(ctx.caller);
    const now = ctx.clock.now();
    const at = now.toISOString();
    const warnBefore = new Date(now.getTime() + TERM_WARNING_DAYS * DAY_MS).toISOString();
    const due = await ctx.store.find<AppointmentDoc>(
      SAGE_COLLECTIONS.appointments,
      { status: 'active', termEnd: { $lte: warnBefore } },
      { orderBy: [['termEnd', 'asc']], limit: PAGE },
    );
    let expired = 0;
    let warned = 0;
    for (const seen of due) {
      const ending = seen.termEnd <= at;
      if (!ending && seen.warnedFor === seen.termEnd) continue;
      const staff = ending ? [] : await staffOf(ctx, seen.communityId);
      const station = await ctx.store.get<StationDoc>(SAGE_COLLECTIONS.stations, seen.stationId);
      const ids = { messageId: ctx.newId(), outboxId: ctx.newId() };
      const staffIds = staff.map(() => ({ messageId: ctx.newId(), outboxId: ctx.newId() }));
      const outcome = await ctx.store.runTransaction(async (tx) => {
        const doc = await tx.get<AppointmentDoc>(SAGE_COLLECTIONS.appointments, seen._id);
        // Renewed, removed or handled by another sweep meanwhile: the record read here decides.
        if (doc?.status !== 'active' || doc.termEnd > warnBefore) return 'none' as const;
        const person = await tx.get<UserDoc>(COLLECTIONS.users, doc.userId);
        const name = person?.nickname ?? '';
        if (doc.termEnd <= at) {
          await tx.updateById(SAGE_COLLECTIONS.appointments, doc._id, {
            $set: {
              status: 'expired',
              history: [
                ...doc.history,
                { at, byUserId: ctx.caller.userId, kind: 'expire', reason: '任期届满未续聘', termEnd: doc.termEnd },
              ],
              updatedAt: at,
            },
          });
          await setSageGrant(tx, doc.userId, doc.communityId, false, at);
          await tell(
            tx,
            ids,
            doc.userId,
            '乡贤监督员任期已届满',
            `您在${station?.name ?? '乡贤监督工作站'}的任期已于 ${chinaDateText(new Date(doc.termEnd))} 届满，监督权限已收回。感谢您的履职；如需继续担任，请联系街道续聘。`,
            at,
          );
          return 'expired' as const;
        }
        if (doc.warnedFor === doc.termEnd) return 'none' as const;
        await tx.updateById(SAGE_COLLECTIONS.appointments, doc._id, { $set: { warnedFor: doc.termEnd } });
        await tell(
          tx,
          ids,
          doc.userId,
          '乡贤监督员任期即将届满',
          `您在${station?.name ?? '乡贤监督工作站'}的任期将于 ${chinaDateText(new Date(doc.termEnd))} 届满。届满未续聘的，监督权限将自动收回。`,
          at,
        );
        for (const [i, staffer] of staff.entries()) {
          await deliverMessage(tx, {
            ...(staffIds[i] as (typeof staffIds)[number]),
            userId: staffer,
            kind: 'general',
            title: '乡贤监督员任期即将届满',
            body: `${name}（${station?.name ?? '乡贤监督工作站'}）的任期将于 ${chinaDateText(new Date(doc.termEnd))} 届满，如需续聘请报街道审定。`,
            link: '/packages/sages/terms/index',
            at,
          });
        }
        return 'warned' as const;
      });
      if (outcome === 'expired') expired += 1;
      if (outcome === 'warned') warned += 1;
    }
    return { expired, warned };
  },
});

/** The community's staff (who propose renewals to the street). */
async function staffOf(ctx: ActionContext, communityId: string): Promise<string[]> {
  const users = await ctx.store.find<UserDoc>(
    COLLECTIONS.users,
    { communityId, grants: { $elemMatch: { role: 'staff', communityId } } },
    { orderBy: [['_id', 'asc']], limit: 50 },
  );
  return users.map((u) => u._id);
}
