import type { Audience, DisclosureCategory, MeetingFormat, OutcomeCategory, ProcedureStepKind } from './labels';

/** Field names for the three outcome categories in counters (plain ASCII keys on every store). */
export const OUTCOME_KEYS: Record<OutcomeCategory, 'publicService' | 'supervision' | 'infrastructure'> = {
  公共服务: 'publicService',
  监督管理: 'supervision',
  基础设施建设: 'infrastructure',
};

export const DELIBERATION_COLLECTIONS = {
  meetings: 'meetings',
  registrations: 'meetingRegistrations',
  noticeReads: 'noticeReads',
  topics: 'topics',
  topicSupports: 'topicSupports',
  procedures: 'procedures',
  disclosures: 'disclosures',
  opinions: 'opinions',
  checkInAttempts: 'checkInAttempts',
  figures: 'councilFigures',
} as const;

export type MeetingStatus = 'draft' | 'published' | 'held' | 'cancelled';

export interface AgendaItem {
  id: string;
  title: string;
}

export interface AgendaOutcome {
  agendaItemId: string;
  category: OutcomeCategory;
  /** What the meeting settled, in plain words. */
  decision: string;
  linkedTopicIds: string[];
  /** Ids of 随手拍 reports this item dealt with (owned by the reports context). */
  linkedReportIds: string[];
}

export interface Minutes {
  attendeeCount: number;
  /** How many checked in with the code when the minutes were recorded. */
  checkedInCount: number;
  summary: string;
  outcomes: AgendaOutcome[];
  recordedAt: string;
  recordedBy: string;
  recordedByName: string;
}

export interface MeetingDoc {
  _id: string;
  communityId: string;
  format: MeetingFormat;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  place: string;
  agenda: AgendaItem[];
  audience: Audience;
  /** null: no limit. */
  registrationLimit: number | null;
  registeredCount: number;
  checkedInCount: number;
  status: MeetingStatus;
  /** Six digits, set on publication; valid until the meeting ends. */
  checkInCode: string | null;
  publishedAt: string | null;
  minutes: Minutes | null;
  cancelReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `_id` is `<meetingId>:<userId>`, so a person holds at most one registration per meeting. */
export interface RegistrationDoc {
  _id: string;
  meetingId: string;
  userId: string;
  communityId: string;
  registeredAt: string;
  checkedInAt: string | null;
  /** 代办: the helper who registered the resident (`userId`) for them. */
  registeredByUserId?: string;
}

/** `_id` is `<meetingId>:<userId>`: wrong check-in codes entered, so a code cannot be guessed. */
export interface CheckInAttemptsDoc {
  _id: string;
  wrong: number;
  lastAt: string;
}

/** `_id` is `<userId>:<meetingId>`: the per-person read marker behind unread marks. */
export interface NoticeReadDoc {
  _id: string;
  userId: string;
  meetingId: string;
  communityId: string;
  readAt: string;
}

export type TopicStatus = 'open' | 'accepted' | 'rejected' | 'under_study';

export interface TopicDoc {
  _id: string;
  communityId: string;
  authorUserId: string;
  authorName: string;
  title: string;
  body: string;
  status: TopicStatus;
  supportCount: number;
  answer: { status: Exclude<TopicStatus, 'open'>; reason: string; answeredBy: string; answeredAt: string } | null;
  /** The meeting outcome that settled it, when minutes link it. */
  settledIn: { meetingId: string; meetingTitle: string; decision: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** `_id` is `<topicId>:<userId>`: one support per person. */
export interface TopicSupportDoc {
  _id: string;
  topicId: string;
  userId: string;
  at: string;
}

export interface VoteRecord {
  /** Who was entitled to attend (party members, adult villagers, or representatives). */
  total: number;
  present: number;
  approve: number;
  quorumMet: boolean;
  majorityMet: boolean;
}

export interface ProcedureStep {
  kind: ProcedureStepKind;
  /** The date the step took place (YYYY-MM-DD), given by the recorder. */
  heldOn: string;
  note: string;
  /** For the villagers' decision: which body decided. */
  body?: 'villagers' | 'representatives';
  vote?: VoteRecord;
  passed: boolean;
  recordedAt: string;
  recordedBy: string;
  recordedByName: string;
  /** The disclosure this step published, for the two 公开 steps. */
  disclosureId?: string;
}

export type ProcedureStatus = 'in_progress' | 'rejected' | 'completed';

export interface ProcedureDoc {
  _id: string;
  communityId: string;
  title: string;
  summary: string;
  /** Where its two publications go on the disclosure board. */
  category: DisclosureCategory;
  status: ProcedureStatus;
  steps: ProcedureStep[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  fileId: string;
  name: string;
  kind: 'image' | 'pdf';
}

export interface DisclosureDoc {
  _id: string;
  communityId: string;
  category: DisclosureCategory;
  title: string;
  body: string;
  attachments: Attachment[];
  visibleFrom: string;
  /** null: stays up until withdrawn. */
  visibleUntil: string | null;
  source: { kind: 'procedure'; procedureId: string; step: ProcedureStepKind } | null;
  publishedBy: string;
  publishedByName: string;
  createdAt: string;
}

export type OpinionTargetKind = 'meeting' | 'procedure' | 'disclosure';

/** A supervision opinion must be answered within this many days of being filed (its answer-by date). */
export const OPINION_ANSWER_DAYS = 7;

/** The answer-by date of an opinion filed at `createdAt` (ISO). */
export const opinionAnswerBy = (createdAt: string): string =>
  new Date(Date.parse(createdAt) + OPINION_ANSWER_DAYS * 86_400_000).toISOString();

export interface OpinionDoc {
  _id: string;
  communityId: string;
  authorUserId: string;
  authorName: string;
  targetKind: OpinionTargetKind;
  targetId: string;
  targetTitle: string;
  body: string;
  status: 'open' | 'answered';
  answer: { body: string; answeredBy: string; answeredByName: string; answeredAt: string } | null;
  /**
   * Stored when filed (OPINION_ANSWER_DAYS later), so lists sort and flag by it with an index.
   * Absent on opinions filed before it was stored: readers fall back to opinionAnswerBy(createdAt).
   */
  answerBy?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A community's running council figures (`_id` is the community id), kept in the transaction that
 * records minutes so the programme's headline numbers never need a scan of every meeting.
 */
export interface CouncilFiguresDoc {
  _id: string;
  meetingsHeld: number;
  attendees: number;
  outcomes: { publicService: number; supervision: number; infrastructure: number };
  updatedAt: string;
}
