/**
 * Figures for the staff and city views (issue 7): pure helpers for periods, rates and the
 * grid-worker evaluation. No I/O: the admin function gathers the counts and calls these.
 */

export const FIGURE_SCOPES = ['grid', 'community', 'street', 'city'] as const;
export type FigureScope = (typeof FIGURE_SCOPES)[number];

/** Longest period one request may cover (keeps the monthly counter reads bounded). */
export const MAX_PERIOD_DAYS = 366;

/** Period boundaries in China time (UTC+8), where the programme runs. */
const CN_OFFSET_MS = 8 * 3600_000;

/** A percentage with one decimal; null when there is nothing to measure. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/** 'YYYY-MM' (China time) of every month touched by [from, to). */
export function monthsBetween(fromIso: string, toIso: string): string[] {
  const from = new Date(new Date(fromIso).getTime() + CN_OFFSET_MS);
  const last = new Date(new Date(toIso).getTime() - 1 + CN_OFFSET_MS);
  const months: string[] = [];
  let y = from.getUTCFullYear();
  let m = from.getUTCMonth();
  while (y < last.getUTCFullYear() || (y === last.getUTCFullYear() && m <= last.getUTCMonth())) {
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return months;
}

/** Checks a requested period; returns a Chinese reason when it is not acceptable. */
export function periodProblem(fromIso: string, toIso: string): string | null {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return '时间格式不正确';
  if (to <= from) return '结束时间须晚于开始时间';
  if (to - from > MAX_PERIOD_DAYS * 86400_000) return `统计区间最长 ${MAX_PERIOD_DAYS} 天`;
  return null;
}

/** What the evaluation needs from one report handled by a grid worker. */
export interface HandledReport {
  responseDueAt: string;
  resolveDueAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  rating: { satisfied: boolean } | null;
  reworkCount: number;
}

/** Published weights: 40 points response on time, 30 resolution on time, 30 satisfaction. */
export const SCORE_WEIGHTS = { response: 40, resolution: 30, satisfaction: 30 } as const;
/** Each rework (退回重办) costs this many points, up to REWORK_CAP. */
export const REWORK_PENALTY = 2;
export const REWORK_CAP = 10;
/** Fewer reports than this in the period: scored, but not eligible for a title. */
export const MIN_REPORTS_FOR_TITLE = 5;
export const TITLES = [
  { min: 90, title: '金牌网格员' },
  { min: 80, title: '优秀网格员' },
] as const;

export interface ScoreLine {
  key: 'response' | 'resolution' | 'satisfaction' | 'rework';
  label: string;
  /** What was measured, in plain words, e.g. "按时响应 8/10". */
  basis: string;
  points: number;
  max: number;
}

export interface GridWorkerScore {
  reports: number;
  score: number;
  title: string | null;
  lines: ScoreLine[];
}

const pts = (part: number, whole: number, max: number): number =>
  whole > 0 ? Math.round((part / whole) * max * 10) / 10 : 0;

/**
 * A transparent score: each line says what was counted and how many points it gave. A measure
 * with nothing to count (no rated reports yet) gives full points rather than punishing the worker.
 */
export function scoreGridWorker(reports: readonly HandledReport[]): GridWorkerScore {
  const responded = reports.filter((r) => r.respondedAt !== null);
  const respondedOnTime = responded.filter((r) => (r.respondedAt as string) <= r.responseDueAt).length;
  const resolved = reports.filter((r) => r.resolvedAt !== null);
  const resolvedOnTime = resolved.filter((r) => (r.resolvedAt as string) <= r.resolveDueAt).length;
  const rated = reports.filter((r) => r.rating !== null);
  const satisfied = rated.filter((r) => r.rating?.satisfied).length;
  const reworks = reports.reduce((sum, r) => sum + r.reworkCount, 0);
  const measured = (part: number, whole: number, max: number) => (whole > 0 ? pts(part, whole, max) : max);
  const lines: ScoreLine[] = [
    {
      key: 'response',
      label: '按时响应',
      basis: `按时响应 ${respondedOnTime}/${responded.length}`,
      points: measured(respondedOnTime, responded.length, SCORE_WEIGHTS.response),
      max: SCORE_WEIGHTS.response,
    },
    {
      key: 'resolution',
      label: '按时办结',
      basis: `按时办结 ${resolvedOnTime}/${resolved.length}`,
      points: measured(resolvedOnTime, resolved.length, SCORE_WEIGHTS.resolution),
      max: SCORE_WEIGHTS.resolution,
    },
    {
      key: 'satisfaction',
      label: '群众满意',
      basis: `满意 ${satisfied}/${rated.length}`,
      points: measured(satisfied, rated.length, SCORE_WEIGHTS.satisfaction),
      max: SCORE_WEIGHTS.satisfaction,
    },
    {
      key: 'rework',
      label: '退回重办扣分',
      basis: `退回重办 ${reworks} 次`,
      points: -Math.min(REWORK_CAP, reworks * REWORK_PENALTY),
      max: 0,
    },
  ];
  const score = Math.max(0, Math.round(lines.reduce((s, l) => s + l.points, 0) * 10) / 10);
  const title = reports.length >= MIN_REPORTS_FOR_TITLE ? (TITLES.find((t) => score >= t.min)?.title ?? null) : null;
  return { reports: reports.length, score, title, lines };
}
