import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { decide, type ReportEvent, TRANSITIONS } from '../../_core/domain/reports/lifecycle';
import { nextEscalationAt, pendingDeadline } from '../../_core/domain/reports/sla';
import {
  REPORT_COLLECTIONS,
  type ReportDoc,
  type ReportEventDoc,
  STATUS_LABELS,
  type StatsDoc,
  type TimelineAction,
} from '../../_core/domain/reports/types';
import type { ActionContext } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { loadVisibleReport, relationsOf } from './access';

/** A "me too": `<reportId>:<userId>`, so each person follows a report once. */
export interface FollowerDoc {
  _id: string;
  reportId: string;
  userId: string;
  at: string;
}

/** Followers told of each change; more would make one transaction too large. */
export const MAX_NOTIFIED_FOLLOWERS = 100;

/** Far-future sort key so reports whose clock is stopped sort after every live deadline. */
export const NO_DEADLINE = '9999-12-31T00:00:00.000Z';

/** Fields derived from the SLA state, rewritten with every change so queries and the sweep see them. */
export function slaFields(report: ReportDoc): Pick<ReportDoc, 'escalateAt' | 'dueAt'> {
  return { escalateAt: nextEscalationAt(report), dueAt: pendingDeadline(report) ?? NO_DEADLINE };
}

export type StatsCounter = Exclude<keyof StatsDoc, '_id'>;

/** Adds to the community's running figures inside the change's own transaction. */
export async function bumpStats(tx: TxStore, communityId: string, inc: Partial<Record<StatsCounter, number>>) {
  if (Object.keys(inc).length === 0) return;
  const found = await tx.updateById(REPORT_COLLECTIONS.stats, communityId, { $inc: inc });
  if (found) return;
  const zero: StatsDoc = {
    _id: communityId,
    submitted: 0,
    responded: 0,
    respondedOnTime: 0,
    resolved: 0,
    resolvedOnTime: 0,
    closed: 0,
    satisfied: 0,
    unsatisfied: 0,
    rework: 0,
    rejected: 0,
    recalled: 0,
    escalated: 0,
  };
  for (const [key, value] of Object.entries(inc)) zero[key as StatsCounter] += value ?? 0;
  await tx.insert(REPORT_COLLECTIONS.stats, zero);
}

/**
 * Message-centre rows carry the whole text (descriptions are at most 500 characters; WeChat's
 * subscription fields are cut separately, with an ellipsis). Where a short form is needed, it
 * says it was shortened instead of stopping mid-sentence.
 */
export const excerpt = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const reportLink = (reportId: string) => `/packages/reports/detail/index?id=${reportId}`;

/** Ids made before the transaction so a retried body writes the same documents. */
export function freshIds(ctx: ActionContext, n: number): string[] {
  return Array.from({ length: n }, () => ctx.newId());
}

export async function notify(
  tx: TxStore,
  ids: { messageId: string; outboxId: string },
  input: { userId: string; title: string; body: string; reportId: string; at: string },
) {
  await deliverMessage(tx, {
    ...ids,
    userId: input.userId,
    kind: 'report.progress',
    title: input.title,
    body: input.body,
    link: reportLink(input.reportId),
    at: input.at,
  });
}

export async function appendEvent(
  tx: TxStore,
  report: ReportDoc,
  seq: number,
  entry: Omit<ReportEventDoc, '_id' | 'reportId' | 'seq'>,
) {
  await tx.insert<ReportEventDoc>(REPORT_COLLECTIONS.events, {
    _id: `${report._id}:${seq}`,
    reportId: report._id,
    seq,
    ...entry,
  });
}

export interface TransitionPlan {
  /** Extra fields to set besides status, SLA fields, version and updatedAt. */
  set?: Partial<ReportDoc>;
  stats?: Partial<Record<StatsCounter, number>>;
  note?: string | null;
  photos?: string[];
  /** Privileged changes write an audit entry (dispatch, resolve, reject). */
  audit?: Record<string, string | number | boolean | null>;
  /** Someone besides the reporter to tell (the grid worker a report was dispatched to). */
  alsoNotify?: { userId: string; title: string; body: string };
}

/**
 * One lifecycle step, exactly once: read the report, ask the state machine, write the report,
 * its timeline entry, the figures, the reporter's message and the audit entry in one transaction.
 * Two racing callers cannot both pass: the loser re-reads the new state and gets CONFLICT.
 */
export async function runTransition(
  ctx: ActionContext,
  reportId: string,
  event: ReportEvent,
  plan: (report: ReportDoc, nowIso: string) => TransitionPlan | Promise<TransitionPlan>,
): Promise<ReportDoc> {
  const [messageId, outboxId, auditId, messageId2, outboxId2] = freshIds(ctx, 5) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const nowIso = ctx.clock.now().toISOString();
  // People who said "me too" follow the report; they are found (and their message ids made) before
  // the transaction, which may only read by id.
  const followers = (
    await ctx.store.find<FollowerDoc>(REPORT_COLLECTIONS.followers, { reportId }, { limit: MAX_NOTIFIED_FOLLOWERS })
  ).map((f) => ({ userId: f.userId, ids: freshIds(ctx, 2) as [string, string] }));
  return ctx.store.runTransaction(async (tx) => {
    const report = await loadVisibleReport(tx, ctx.caller, reportId);
    const decision = decide(report, event, relationsOf(ctx.caller, report));
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    const p = await plan(report, nowIso);
    const seq = report.version + 1;
    const next: ReportDoc = { ...report, ...p.set, status: decision.to, version: seq, updatedAt: nowIso };
    const sla = slaFields(next);
    await tx.updateById(REPORT_COLLECTIONS.reports, report._id, {
      $set: { ...p.set, status: decision.to, version: seq, updatedAt: nowIso, ...sla },
    });
    const action: TimelineAction = event === 'rate_satisfied' || event === 'rate_unsatisfied' ? 'rate' : event;
    await appendEvent(tx, report, seq, {
      at: nowIso,
      actorUserId: ctx.caller.userId,
      action,
      fromStatus: report.status,
      toStatus: decision.to,
      note: p.note ?? null,
      photos: p.photos ?? [],
    });
    await bumpStats(tx, report.communityId, p.stats ?? {});
    if (ctx.caller.userId !== report.reporterUserId) {
      await notify(
        tx,
        { messageId, outboxId },
        {
          userId: report.reporterUserId,
          title: `您上报的事项${STATUS_LABELS[decision.to]}`,
          body: `${TRANSITIONS[event].label}：${report.description}${p.note ? `（${p.note}）` : ''}`,
          reportId: report._id,
          at: nowIso,
        },
      );
    }
    // Followers hear of status changes too (not of their own ones).
    for (const follower of followers) {
      if (follower.userId === ctx.caller.userId || follower.userId === report.reporterUserId) continue;
      await notify(
        tx,
        { messageId: follower.ids[0], outboxId: follower.ids[1] },
        {
          userId: follower.userId,
          title: `您关注的事项${STATUS_LABELS[decision.to]}`,
          body: `${TRANSITIONS[event].label}：${report.description}`,
          reportId: report._id,
          at: nowIso,
        },
      );
    }
    if (p.alsoNotify && p.alsoNotify.userId !== ctx.caller.userId) {
      await notify(tx, { messageId: messageId2, outboxId: outboxId2 }, { ...p.alsoNotify, reportId, at: nowIso });
    }
    if (p.audit) {
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at: nowIso,
          actorUserId: ctx.caller.userId,
          action: `reports.${event}`,
          communityId: report.communityId,
          target: { collection: REPORT_COLLECTIONS.reports, id: report._id },
          details: { from: report.status, to: decision.to, ...p.audit },
        }),
      );
    }
    return { ...next, ...sla };
  });
}
