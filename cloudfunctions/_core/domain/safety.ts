/**
 * 平安细胞 (safe units): a family, housing estate, school, hospital or enterprise applies; staff
 * evaluate it against the community's published criteria; a scorecard records, for each
 * criterion, the points, the reason and the evidence drawn from the database. Pure rules only:
 * the safety function gathers the evidence and calls `scoreUnit`.
 */

export const SAFETY_COLLECTIONS = {
  criteria: 'safety_criteria',
  units: 'safety_units',
  scorecards: 'safety_scorecards',
} as const;

export const UNIT_TYPES = ['family', 'estate', 'school', 'hospital', 'enterprise'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  family: '平安家庭',
  estate: '平安小区',
  school: '平安校园',
  hospital: '平安医院',
  enterprise: '平安企业',
};

/** Stored statuses; an award past its `expiresAt` is "due" for re-evaluation (derived, not stored). */
export const UNIT_STATUSES = ['applied', 'awarded', 'failed'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const UNIT_STATUS_LABELS: Record<UnitStatus | 'expired', string> = {
  applied: '待评定',
  awarded: '已授牌',
  failed: '未通过',
  expired: '已到期待复评',
};

/**
 * What a criterion measures. Every automatic rule reads bounded, indexed data over the 12 months
 * before the evaluation (`EVIDENCE_DAYS`); `onsite` is scored by the evaluating staff member,
 * who must write what they saw.
 */
export type CriterionRule =
  /** Of the reports filed in the unit's grid (not recalled or rejected), at least minPercent closed with the reporter satisfied. */
  | { kind: 'grid_resolution'; minPercent: number }
  /** No open 治安隐患 / 消防安全 report in the unit's grid past its deadline. */
  | { kind: 'grid_no_overdue_hazards' }
  /** The applicant (household or unit representative) has at least minHours confirmed volunteer hours (time bank, cumulative). */
  | { kind: 'volunteer_hours'; minHours: number }
  /** The applicant earned at least minCoins green coins from posted bonus awards. */
  | { kind: 'green_coins'; minCoins: number }
  /** The applicant had no posted 平安建设 penalty or veto. */
  | { kind: 'no_safety_penalty' }
  /** Staff visit: points 0..max given by hand with a note. */
  | { kind: 'onsite' };

export type RuleKind = CriterionRule['kind'];
export const RULE_KINDS: readonly RuleKind[] = [
  'grid_resolution',
  'grid_no_overdue_hazards',
  'volunteer_hours',
  'green_coins',
  'no_safety_penalty',
  'onsite',
];

export interface Criterion {
  id: string;
  title: string;
  description: string;
  points: number;
  rule: CriterionRule;
}

/** A community's published criteria; `_id` is the communityId. */
export interface CriteriaDoc {
  _id: string;
  communityId: string;
  criteria: Criterion[];
  /** A total at or above this passes. */
  passScore: number;
  publishedAt: string;
  updatedBy: string | null;
}

export const EVIDENCE_DAYS = 365;
/** Report categories counted as safety hazards. */
export const HAZARD_CATEGORIES = ['security', 'fire'] as const;
/** Report ids (or award ids) quoted as evidence per criterion. */
export const MAX_EVIDENCE_REFS = 5;

/** The criteria every community starts with, until its staff publish their own (total 100, pass 80). */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  {
    id: 'grid-resolution',
    title: '网格事项办结',
    description: '近一年所在网格受理的随手拍事项中，群众满意办结的不少于 80%',
    points: 20,
    rule: { kind: 'grid_resolution', minPercent: 80 },
  },
  {
    id: 'no-hazards',
    title: '无超期安全隐患',
    description: '所在网格没有超过办理期限仍未办结的治安隐患、消防安全事项',
    points: 20,
    rule: { kind: 'grid_no_overdue_hazards' },
  },
  {
    id: 'volunteer',
    title: '参与志愿服务',
    description: '申请人（家庭或单位代表）在时间银行累计志愿服务不少于 10 小时',
    points: 15,
    rule: { kind: 'volunteer_hours', minHours: 10 },
  },
  {
    id: 'greencoin',
    title: '文明积分',
    description: '申请人近一年获得绿币奖励不少于 20 个',
    points: 15,
    rule: { kind: 'green_coins', minCoins: 20 },
  },
  {
    id: 'no-penalty',
    title: '无平安建设扣分',
    description: '申请人近一年没有平安建设类的绿币扣减或否决',
    points: 10,
    rule: { kind: 'no_safety_penalty' },
  },
  {
    id: 'onsite',
    title: '实地查看',
    description: '社区工作人员上门查看：消防器材、安全制度、邻里和睦等，按实际情况给分',
    points: 20,
    rule: { kind: 'onsite' },
  },
];
export const DEFAULT_PASS_SCORE = 80;

export const maxScore = (criteria: readonly Pick<Criterion, 'points'>[]): number =>
  criteria.reduce((a, c) => a + c.points, 0);

/** The facts an evaluation reads from the database (see the safety function's evidence gathering). */
export interface Evidence {
  from: string;
  to: string;
  grid: { accepted: number; closed: number; closedIds: string[] };
  hazards: { overdue: number; overdueIds: string[] };
  volunteer: { minutes: number; registered: boolean };
  coins: { earned: number; awardIds: string[]; safetyPenalties: number; penaltyIds: string[] };
}

export interface ScoreItem {
  criterionId: string;
  title: string;
  kind: RuleKind;
  max: number;
  points: number;
  /** Why these points, in plain words. */
  reason: string;
  /** What the reason rests on: a measured value and the records quoted (report / award ids). */
  evidence: { source: string; value: number | null; refs: string[] };
}

export interface ManualScore {
  criterionId: string;
  points: number;
  note: string;
}

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

/** Scores every criterion from the evidence and the staff's on-site scores (missing ones count 0). */
export function scoreUnit(
  criteria: readonly Criterion[],
  passScore: number,
  evidence: Evidence,
  manual: readonly ManualScore[],
): { items: ScoreItem[]; total: number; max: number; passScore: number; passed: boolean } {
  const items = criteria.map((c): ScoreItem => {
    const base = { criterionId: c.id, title: c.title, kind: c.rule.kind, max: c.points };
    const rule = c.rule;
    switch (rule.kind) {
      case 'grid_resolution': {
        const { accepted, closed, closedIds } = evidence.grid;
        const percent = accepted > 0 ? Math.round((closed / accepted) * 1000) / 10 : null;
        const ok = percent === null || percent >= rule.minPercent;
        return {
          ...base,
          points: ok ? c.points : 0,
          reason:
            percent === null
              ? '近一年所在网格没有受理的事项，按达标计'
              : `近一年所在网格受理 ${accepted} 件，满意办结 ${closed} 件（${percent}%），${ok ? '达到' : '未达到'} ${rule.minPercent}%`,
          evidence: { source: 'reports', value: percent, refs: closedIds },
        };
      }
      case 'grid_no_overdue_hazards': {
        const { overdue, overdueIds } = evidence.hazards;
        return {
          ...base,
          points: overdue === 0 ? c.points : 0,
          reason:
            overdue === 0 ? '所在网格没有超期未办的治安、消防隐患' : `所在网格有 ${overdue} 件治安、消防隐患超期未办`,
          evidence: { source: 'reports', value: overdue, refs: overdueIds },
        };
      }
      case 'volunteer_hours': {
        const h = hours(evidence.volunteer.minutes);
        // Compared in minutes: 599 minutes rounds to 10.0 hours but is not 10 hours.
        const ok = evidence.volunteer.minutes >= rule.minHours * 60;
        return {
          ...base,
          points: ok ? c.points : 0,
          reason: evidence.volunteer.registered
            ? `申请人累计志愿服务 ${h} 小时，${ok ? '达到' : '未达到'} ${rule.minHours} 小时`
            : '申请人尚未登记为志愿者',
          evidence: { source: 'tb_volunteers', value: h, refs: [] },
        };
      }
      case 'green_coins': {
        const ok = evidence.coins.earned >= rule.minCoins;
        return {
          ...base,
          points: ok ? c.points : 0,
          reason: `申请人近一年获得绿币奖励 ${evidence.coins.earned} 个，${ok ? '达到' : '未达到'} ${rule.minCoins} 个`,
          evidence: { source: 'gc_awards', value: evidence.coins.earned, refs: evidence.coins.awardIds },
        };
      }
      case 'no_safety_penalty': {
        const n = evidence.coins.safetyPenalties;
        return {
          ...base,
          points: n === 0 ? c.points : 0,
          reason: n === 0 ? '申请人近一年没有平安建设类扣分或否决' : `申请人近一年有 ${n} 次平安建设类扣分或否决`,
          evidence: { source: 'gc_awards', value: n, refs: evidence.coins.penaltyIds },
        };
      }
      default: {
        // 'onsite': scored by hand.
        const m = manual.find((x) => x.criterionId === c.id);
        const points = m ? Math.max(0, Math.min(c.points, Math.floor(m.points))) : 0;
        return {
          ...base,
          points,
          reason: m ? `实地查看：${m.note}` : '尚未实地查看',
          evidence: { source: 'onsite', value: m ? points : null, refs: [] },
        };
      }
    }
  });
  const total = items.reduce((a, i) => a + i.points, 0);
  return { items, total, max: maxScore(criteria), passScore, passed: total >= passScore };
}

/** China-time (UTC+8) calendar year of an instant. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** Awards run to the end of the year they were given in (China time); then the unit is re-evaluated. */
export function awardExpiry(year: number): string {
  return new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000).toISOString();
}

export const awardTitle = (year: number, type: UnitType): string => `${year}年度${UNIT_TYPE_LABELS[type]}`;

/** Checks a criteria list before publishing; returns a Chinese reason when it is not acceptable. */
export function criteriaProblem(criteria: readonly Criterion[], passScore: number): string | null {
  const ids = new Set(criteria.map((c) => c.id));
  if (ids.size !== criteria.length) return '评定标准的编号不能重复';
  const max = maxScore(criteria);
  if (passScore > max) return `及格分不能高于满分 ${max}`;
  return null;
}
