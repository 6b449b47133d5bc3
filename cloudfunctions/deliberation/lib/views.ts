import { checkInWindow } from '../../_core/domain/deliberation/meetings';
import {
  type DisclosureDoc,
  type MeetingDoc,
  type OpinionDoc,
  opinionAnswerBy,
  type ProcedureDoc,
  type RegistrationDoc,
  type TopicDoc,
} from '../../_core/domain/deliberation/model';
import { expectedStep } from '../../_core/domain/deliberation/procedure';
import { speakerBadge } from '../../_core/domain/speaker';

/**
 * The badge beside the name on what only the community's staff may write (answers, minutes, steps,
 * disclosures: staff or admin of that community, checked by the action that wrote it) and on a
 * 乡贤's opinion (only sages file them). It is the record's kind that says it, never the nickname;
 * topics are proposed by residents and carry none.
 */
const STAFF_BADGE = speakerBadge('staff');
const SAGE_BADGE = speakerBadge('sage');

/** What a list shows of a meeting; never the check-in code. */
export function meetingSummary(m: MeetingDoc, extra: { unread?: boolean } = {}) {
  return {
    id: m._id,
    title: m.title,
    format: m.format,
    status: m.status,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    audience: m.audience,
    registrationLimit: m.registrationLimit,
    registeredCount: m.registeredCount,
    publishedAt: m.publishedAt,
    outcomeCount: m.minutes?.outcomes.length ?? 0,
    unread: extra.unread ?? false,
  };
}

export function meetingView(m: MeetingDoc, opts: { staff: boolean; registration: RegistrationDoc | null }) {
  return {
    ...meetingSummary(m),
    communityId: m.communityId,
    description: m.description,
    agenda: m.agenda,
    checkedInCount: m.checkedInCount,
    minutes: m.minutes ? { ...m.minutes, recordedByRole: STAFF_BADGE } : null,
    cancelReason: m.cancelReason,
    checkInWindow: checkInWindow(m),
    /** Only the community's staff see the code, to show it at the door. */
    checkInCode: opts.staff ? m.checkInCode : null,
    canManage: opts.staff,
    myRegistration: opts.registration
      ? { registeredAt: opts.registration.registeredAt, checkedInAt: opts.registration.checkedInAt }
      : null,
  };
}

export function topicView(t: TopicDoc, opts: { supportedByMe: boolean; mine: boolean }) {
  return {
    id: t._id,
    title: t.title,
    body: t.body,
    authorName: t.authorName,
    status: t.status,
    supportCount: t.supportCount,
    answer: t.answer ? { status: t.answer.status, reason: t.answer.reason, answeredAt: t.answer.answeredAt } : null,
    settledIn: t.settledIn,
    createdAt: t.createdAt,
    supportedByMe: opts.supportedByMe,
    mine: opts.mine,
  };
}

export function procedureView(p: ProcedureDoc) {
  return {
    id: p._id,
    communityId: p.communityId,
    title: p.title,
    summary: p.summary,
    category: p.category,
    status: p.status,
    nextStep: expectedStep(p),
    steps: p.steps.map((step) => ({ ...step, recordedByRole: STAFF_BADGE })),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function disclosureView(d: DisclosureDoc, now: string, urls: Record<string, string> = {}) {
  const visible = d.visibleFrom <= now && (d.visibleUntil === null || d.visibleUntil > now);
  return {
    id: d._id,
    category: d.category,
    title: d.title,
    body: d.body,
    attachments: d.attachments.map((a) => ({ ...a, url: urls[a.fileId] ?? null })),
    visibleFrom: d.visibleFrom,
    visibleUntil: d.visibleUntil,
    visible,
    source: d.source,
    publishedByName: d.publishedByName,
    publishedByRole: STAFF_BADGE,
    createdAt: d.createdAt,
  };
}

/** An opinion as lists show it; `now` (ISO) flags an open one past its answer-by date. */
export function opinionView(o: OpinionDoc, now: string) {
  const answerBy = o.answerBy ?? opinionAnswerBy(o.createdAt);
  return {
    id: o._id,
    targetKind: o.targetKind,
    targetId: o.targetId,
    targetTitle: o.targetTitle,
    body: o.body,
    authorName: o.authorName,
    authorRole: SAGE_BADGE,
    status: o.status,
    answer: o.answer
      ? {
          body: o.answer.body,
          answeredByName: o.answer.answeredByName,
          answeredByRole: STAFF_BADGE,
          answeredAt: o.answer.answeredAt,
        }
      : null,
    answerBy,
    overdue: o.status === 'open' && answerBy < now,
    createdAt: o.createdAt,
  };
}
