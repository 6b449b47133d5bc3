import type { ReportDoc, ReportStatus } from './types';

const HOUR = 3600_000;
/** After the community level, the street is told once the report is this much further overdue. */
export const STREET_ESCALATION_AFTER_MS = 24 * HOUR;

export const ESCALATION_LABELS = ['网格员', '社区', '街道'] as const;

export function deadlines(createdAt: string, category: { responseHours: number; resolveHours: number }) {
  const start = Date.parse(createdAt);
  return {
    responseDueAt: new Date(start + category.responseHours * HOUR).toISOString(),
    resolveDueAt: new Date(start + category.resolveHours * HOUR).toISOString(),
  };
}

/** Statuses where the clock runs: waiting to be taken up, or being worked on. */
const CLOCK_RUNS: readonly ReportStatus[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'rework'];

type SlaFields = Pick<ReportDoc, 'status' | 'respondedAt' | 'responseDueAt' | 'resolveDueAt' | 'escalation'>;

/** The deadline the report is currently racing: a response first, then the resolution. */
export function pendingDeadline(report: SlaFields): string | null {
  if (!CLOCK_RUNS.includes(report.status)) return null;
  return report.respondedAt ? report.resolveDueAt : report.responseDueAt;
}

/**
 * When the next escalation falls due: the community as soon as the pending deadline passes, the
 * street a day later; null once at the street, or while the clock does not run (suspended with a
 * reason, waiting for the reporter's rating, finished).
 */
export function nextEscalationAt(report: SlaFields): string | null {
  const due = pendingDeadline(report);
  if (!due || report.escalation >= 2) return null;
  if (report.escalation === 0) return due;
  return new Date(Date.parse(due) + STREET_ESCALATION_AFTER_MS).toISOString();
}

export function isOverdue(report: SlaFields, now: Date): boolean {
  const due = pendingDeadline(report);
  return due !== null && Date.parse(due) < now.getTime();
}

/** A suspension stops the clock: on resume the pending deadlines move by the time spent suspended. */
export function shiftDeadlines(
  report: Pick<ReportDoc, 'responseDueAt' | 'resolveDueAt' | 'respondedAt'>,
  pausedMs: number,
): { responseDueAt: string; resolveDueAt: string } {
  const shift = (iso: string) => new Date(Date.parse(iso) + Math.max(0, pausedMs)).toISOString();
  return {
    responseDueAt: report.respondedAt ? report.responseDueAt : shift(report.responseDueAt),
    resolveDueAt: shift(report.resolveDueAt),
  };
}

/** The day (China time, UTC+8) a moment falls on: the unit of the daily report limit. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}

/**
 * A China day in words for messages people read (2026年12月5日), as the pages write dates: a
 * resident reads 年月日, not an ISO date (and never the UTC day, a day early before 08:00).
 */
export function chinaDateText(at: Date): string {
  const [y, m, d] = chinaDay(at).split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** A China day and minute in words (2026年12月5日 14:30). */
export function chinaMinuteText(at: Date): string {
  return `${chinaDateText(at)} ${new Date(at.getTime() + 8 * HOUR).toISOString().slice(11, 16)}`;
}

/** Great-circle distance in metres, for "near the same place" duplicate suggestions. */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
