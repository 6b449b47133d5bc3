import { type ReportDoc, type ReportEventDoc, STOPPED_STATUSES } from './types';

/**
 * A case as residents know it from 12345 and 政务服务: a 工单编号 to quote on the phone, the four
 * stages 受理→办理→办结→评价, and the national 「好差评」 five-level rating.
 */

/** Letters before the date when a community has no code of its own. */
export const DEFAULT_CASE_PREFIX = 'GZ';

/**
 * A community's reports of one day draw their numbers from a hundred sequences, chosen from the
 * report id: on CloudBase a single per-day counter was one document every
 * report of the community wrote, and a burst of residents reporting at once lost most of their
 * transactions to it (issue #17's load: 84 of 100 reports answered CONFLICT; with ten sequences
 * still 13 of 100, so a hundred).
 */
export const CASE_SHARDS = 100;

/** The sequence a report draws from: stable for its id, so a retried body draws from the same one. */
export function caseShardOf(reportId: string): number {
  let hash = 0;
  for (let i = 0; i < reportId.length; i++) hash = (hash * 31 + reportId.charCodeAt(i)) >>> 0;
  return hash % CASE_SHARDS;
}

/**
 * `QJ-20261201-3042`: prefix, China day, then the sequence's two digits and its n-th number that
 * day (two digits, more if needed) — unique per community and day (the sequence is always two
 * digits, so the rest is its count), short enough to read out, and still four digits on most days.
 */
export function caseNumber(prefix: string, chinaDay: string, shard: number, n: number): string {
  return `${prefix}-${chinaDay.replaceAll('-', '')}-${String(shard).padStart(2, '0')}${String(n).padStart(2, '0')}`;
}

/** What a caller typed (spaces, lower case, full-width dash) made comparable with stored numbers. */
export function normalizeCaseNumber(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s]/g, '')
    .replace(/[－—–_]/g, '-');
}

export const CASE_NUMBER_PATTERN = /^[A-Z]{2,4}-\d{8}-\d{4,6}$/;

/** One of a community's per-day sequences a case number is drawn from (inside the submit transaction). */
export interface CaseCounterDoc {
  _id: string;
  communityId: string;
  day: string;
  shard: number;
  count: number;
}

export const caseCounterId = (communityId: string, chinaDay: string, shard: number) =>
  `${communityId}:${chinaDay}:${shard}`;

export const RATING_LEVELS = [
  { score: 5, label: '非常满意' },
  { score: 4, label: '满意' },
  { score: 3, label: '基本满意' },
  { score: 2, label: '不满意' },
  { score: 1, label: '非常不满意' },
] as const;
export type RatingScore = (typeof RATING_LEVELS)[number]['score'];

/** 基本满意 and above close the case; 不满意 and 非常不满意 send it back for rework. */
export const SATISFIED_FROM_SCORE = 3;
export const isSatisfied = (score: number) => score >= SATISFIED_FROM_SCORE;
export const ratingLabel = (score: number) => RATING_LEVELS.find((l) => l.score === score)?.label ?? '';

export type StageKey = 'accept' | 'work' | 'resolve' | 'rate';
export interface Stage {
  key: StageKey;
  label: string;
  /** When the stage was reached (the latest time, after a rework); null while it is still ahead. */
  at: string | null;
  state: 'done' | 'current' | 'waiting';
}

const STAGE_LABELS: Record<StageKey, string> = { accept: '受理', work: '办理', resolve: '办结', rate: '评价' };

/**
 * The four stages with their times, from the timeline. A rework sends the case back to 办理: the
 * later stages are open again, so only events after the last rework count for them.
 */
export function caseStages(
  report: Pick<ReportDoc, 'status'>,
  events: Pick<ReportEventDoc, 'action' | 'at' | 'toStatus'>[],
): Stage[] {
  const lastRework = events.reduce((at, e, i) => (e.action === 'rate' && e.toStatus === 'rework' ? i : at), -1);
  const first = (action: string) => events.find((e) => e.action === action)?.at ?? null;
  const since = (action: string) =>
    events
      .slice(lastRework + 1)
      .filter((e) => e.action === action)
      .at(-1)?.at ?? null;
  const times: Record<StageKey, string | null> = {
    accept: first('accept') ?? first('start'),
    work: lastRework >= 0 ? (since('start') ?? events[lastRework]?.at ?? null) : first('start'),
    resolve: since('resolve'),
    rate: report.status === 'closed' ? since('rate') : null,
  };
  const keys: StageKey[] = ['accept', 'work', 'resolve', 'rate'];
  const stopped = STOPPED_STATUSES.includes(report.status);
  const current = stopped ? -1 : keys.findIndex((k) => times[k] === null);
  return keys.map((key, i) => ({
    key,
    label: STAGE_LABELS[key],
    at: times[key],
    state: times[key] !== null && (current === -1 || i < current) ? 'done' : i === current ? 'current' : 'waiting',
  }));
}
