/**
 * What an erasure ends besides personal fields: work still open in the person's name that nobody
 * could finish once they are gone. Each record changes in its own transaction that re-reads it
 * (a clerk acting at the same moment wins or loses cleanly), with an audit entry; every step is
 * safe to run twice (an erasure cut short is asked for again).
 *
 * - service applications still to be handled or collected → cancelled (nobody can supply or collect);
 * - 乡贤 applications not yet decided → withdrawn, and the one-open-application lock released;
 * - a named tip's reward granted but not collected → forfeited: the RW balance leaves the person's
 *   reward account for the community's sink, recorded as `tip.forfeit`. Not kept claimable: a named
 *   tip has no claim code, and after erasure nothing proves at the office who the tipster was, so a
 *   claimable reward would be one anybody could try to collect. Tips still being graded are
 *   unlinked by erasure and forfeited at approval (tips/actions/desk.ts).
 */
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { SAGE_COLLECTIONS, type SageApplicationDoc } from '../../_core/domain/sages';
import {
  type ApplicationDoc,
  nextStatus,
  OPEN_APPLICATION_STATUSES,
  SERVICE_COLLECTIONS,
} from '../../_core/domain/services';
import { TIP_COLLECTIONS, type TipDoc } from '../../_core/domain/tips';
import { postLegs, sinkAccount, transferLegs, userAccount } from '../../_core/ledger';
import type { ActionContext } from '../../_core/runtime/define';
import type { TxStore } from '../../_core/store/docstore';

const REASON = '申请人已注销账号';

export async function cancelOpenWork(ctx: ActionContext): Promise<void> {
  const userId = ctx.caller.userId;
  const at = ctx.clock.now().toISOString();
  const audited = (tx: TxStore, action: string, communityId: string, collection: string, id: string) =>
    tx.insert(
      AUDIT_COLLECTION,
      auditEntry({
        id: ctx.newId(),
        at,
        actorUserId: userId,
        action,
        communityId,
        target: { collection, id },
        details: { reason: REASON },
      }),
    );

  const services = await ctx.store.find<ApplicationDoc>(
    SERVICE_COLLECTIONS.applications,
    { applicantUserId: userId, status: { $in: [...OPEN_APPLICATION_STATUSES] } },
    { orderBy: [['_id', 'asc']], limit: 1000 },
  );
  for (const { _id } of services) {
    await ctx.store.runTransaction(async (tx) => {
      const app = await tx.get<ApplicationDoc>(SERVICE_COLLECTIONS.applications, _id);
      const status = app && nextStatus(app.status, 'cancel', app.acceptedAt !== null);
      if (!app || !status) return;
      await tx.updateById(SERVICE_COLLECTIONS.applications, _id, {
        $set: {
          status,
          pickupCode: null,
          events: [...app.events, { at, byUserId: userId, step: 'cancel' as const, note: REASON }],
          updatedAt: at,
        },
      });
      await audited(tx, 'services.cancel', app.communityId, SERVICE_COLLECTIONS.applications, _id);
    });
  }

  const sages = await ctx.store.find<SageApplicationDoc>(
    SAGE_COLLECTIONS.applications,
    { applicantUserId: userId, status: { $in: ['applied', 'qualified'] } },
    { orderBy: [['_id', 'asc']], limit: 100 },
  );
  for (const { _id } of sages) {
    await ctx.store.runTransaction(async (tx) => {
      const app = await tx.get<SageApplicationDoc>(SAGE_COLLECTIONS.applications, _id);
      if (app?.status !== 'applied' && app?.status !== 'qualified') return;
      await tx.updateById(SAGE_COLLECTIONS.applications, _id, { $set: { status: 'withdrawn', updatedAt: at } });
      const lock = `${app.applicantUserId}|${app.communityId}`;
      if (await tx.get(SAGE_COLLECTIONS.openLocks, lock)) await tx.removeById(SAGE_COLLECTIONS.openLocks, lock);
      await audited(tx, 'sages.withdraw', app.communityId, SAGE_COLLECTIONS.applications, _id);
    });
  }

  const rewarded = await ctx.store.find<TipDoc>(
    TIP_COLLECTIONS.tips,
    { tipsterUserId: userId, status: 'rewarded' },
    { orderBy: [['_id', 'asc']], limit: 100 },
  );
  for (const { _id } of rewarded) {
    await ctx.store.runTransaction(async (tx) => {
      const tip = await tx.get<TipDoc>(TIP_COLLECTIONS.tips, _id);
      if (tip?.status !== 'rewarded' || tip.tipsterUserId !== userId) return;
      // The posting id is the tip's: a second run, or a payout racing it, cannot move the money twice.
      await postLegs(tx, {
        id: `tip-forfeit-${tip._id}`,
        currency: 'RW',
        legs: transferLegs(userAccount('RW', userId), sinkAccount('RW', tip.communityId), tip.reward),
        at,
        reason: '举报人注销账号，奖励作废',
        kind: 'tip.forfeit',
        category: tip.scheme,
        ref: { collection: TIP_COLLECTIONS.tips, id: tip._id },
        actorUserId: userId,
      });
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: { status: 'forfeited', updatedAt: at } });
      await audited(tx, 'tips.forfeit', tip.communityId, TIP_COLLECTIONS.tips, tip._id);
    });
  }
}
