import { type Decision, refuse } from '../decision';
import type { MeetingDoc, MeetingStatus } from './model';

export type MeetingEvent = 'publish' | 'recordMinutes' | 'cancel';

/** The meeting lifecycle: draft → published → held | cancelled (a draft may be cancelled too). */
const TRANSITIONS: Record<MeetingStatus, Partial<Record<MeetingEvent, MeetingStatus>>> = {
  draft: { publish: 'published', cancel: 'cancelled' },
  published: { recordMinutes: 'held', cancel: 'cancelled' },
  held: {},
  cancelled: {},
};

const EVENT_REFUSALS: Record<MeetingEvent, string> = {
  publish: '只有草稿可以发布',
  recordMinutes: '只有已发布、尚未记录纪要的会议可以记录纪要',
  cancel: '已召开或已取消的会议不能取消',
};

/** The next status, or a CONFLICT refusal when the event does not apply to the current one. */
export function nextMeetingStatus(status: MeetingStatus, event: MeetingEvent): Decision<{ status: MeetingStatus }> {
  const next = TRANSITIONS[status][event];
  return next ? { ok: true, status: next } : refuse('CONFLICT', EVENT_REFUSALS[event]);
}

/** Check-in opens this long before the start, so early arrivals can sign in at the door. */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60 * 1000;

export function checkInWindow(meeting: Pick<MeetingDoc, 'startsAt' | 'endsAt'>): { opensAt: string; closesAt: string } {
  return {
    opensAt: new Date(Date.parse(meeting.startsAt) - CHECK_IN_OPENS_BEFORE_MS).toISOString(),
    closesAt: meeting.endsAt,
  };
}

/** Six digits from random hex (the id generator), so tests with injected ids stay deterministic. */
export function checkInCodeFrom(randomHex: string): string {
  const n = Number.parseInt(randomHex.slice(0, 12), 16);
  return String(n % 1_000_000).padStart(6, '0');
}

export function checkMeetingTimes(startsAt: string, endsAt: string): Decision {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return refuse('INVALID_INPUT', '结束时间必须晚于开始时间');
  if (Date.parse(endsAt) - Date.parse(startsAt) > 24 * 60 * 60 * 1000) {
    return refuse('INVALID_INPUT', '一次会议不能超过 24 小时');
  }
  return { ok: true };
}
