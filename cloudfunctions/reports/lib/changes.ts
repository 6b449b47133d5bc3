import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { decide, type ReportEvent, TRANSITIONS } from '../../_core/domain/reports/lifecycle';
import { nextEscalationAt, pendingDeadline } from '../../_core/domain/reports/sla';
import {
  REPORT_COLLECTIONS,
  type ReportDoc,
  type ReportEventDoc,
  STATUS_LABELS,
  type TimelineAction,
} from '../../_core/domain/reports/types';
import { countReportChange } from '../../_core/ledger/reportFigures';
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
  /** @deprecated Ignored: the figures derive from the report itself (countReportChange). */
  stats?: Record<string, number>;
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
    // The figures move from what the report was to what it is, in this same transaction.
    await countReportChange(tx, report, { ...next, ...sla });
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
