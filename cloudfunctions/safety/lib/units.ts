import type { AwardDoc } from '../../_core/domain/greencoin';
import { GC_COLLECTIONS } from '../../_core/domain/greencoin';
import { isStaffOf } from '../../_core/domain/policy';
import { maskPhone } from '../../_core/domain/privacy';
import { OPEN_STATUSES, REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import {
  type CriteriaDoc,
  DEFAULT_CRITERIA,
  DEFAULT_PASS_SCORE,
  EVIDENCE_DAYS,
  type Evidence,
  HAZARD_CATEGORIES,
  MAX_EVIDENCE_REFS,
  SAFETY_COLLECTIONS,
  type ScoreItem,
  UNIT_TYPE_LABELS,
  type UnitStatus,
  type UnitType,
} from '../../_core/domain/safety';
import { TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export interface UnitDoc {
  _id: string;
  communityId: string;
  gridId: string;
  type: UnitType;
  name: string;
  address: string;
  applicantUserId: string;
  contactName: string;
  contactPhone: string;
  note: string;
  status: UnitStatus;
  appliedAt: string;
  /** Latest evaluation, if any. */
  evaluatedAt: string | null;
  scorecardId: string | null;
  score: number | null;
  /** The award held (status awarded): its year, title and end. */
  year: number | null;
  title: string | null;
  expiresAt: string | null;
  evaluations: number;
  updatedAt: string;
}

export interface ScorecardDoc {
  _id: string;
  unitId: string;
  communityId: string;
  unitType: UnitType;
  unitName: string;
  year: number;
  evidenceFrom: string;
  evidenceTo: string;
  items: ScoreItem[];
  total: number;
  max: number;
  passScore: number;
  passed: boolean;
  title: string | null;
  expiresAt: string | null;
  evaluatorUserId: string;
  evaluatedAt: string;
}

/** Staff (or an admin) of the unit's community. */
export const managesCommunity = (ctx: ActionContext, communityId: string): boolean =>
  isStaffOf(ctx.caller, communityId);

export function requireManager(ctx: ActionContext, communityId: string): void {
  if (!managesCommunity(ctx, communityId)) throw new AppError('FORBIDDEN', '只能评定本社区的平安细胞');
}

/** The published criteria of a community, or the defaults until its staff publish their own. */
export async function loadCriteria(ctx: ActionContext, communityId: string): Promise<CriteriaDoc> {
  const doc = await ctx.store.get<CriteriaDoc>(SAFETY_COLLECTIONS.criteria, communityId);
  return (
    doc ?? {
      _id: communityId,
      communityId,
      criteria: [...DEFAULT_CRITERIA],
      passScore: DEFAULT_PASS_SCORE,
      publishedAt: '',
      updatedBy: null,
    }
  );
}

export async function loadUnit(ctx: ActionContext, unitId: string): Promise<UnitDoc> {
  const unit = await ctx.store.get<UnitDoc>(SAFETY_COLLECTIONS.units, unitId);
  if (!unit) throw new AppError('NOT_FOUND', '申请不存在');
  return unit;
}

/** An award past its end (the year is over) waits for re-evaluation. */
export const isExpired = (unit: Pick<UnitDoc, 'status' | 'expiresAt'>, nowIso: string): boolean =>
  unit.status === 'awarded' && unit.expiresAt !== null && unit.expiresAt <= nowIso;

/** Staff may evaluate a new application, or re-evaluate an award whose year has ended. */
export const isEvaluable = (unit: Pick<UnitDoc, 'status' | 'expiresAt'>, nowIso: string): boolean =>
  unit.status === 'applied' || isExpired(unit, nowIso);

export const displayStatus = (unit: Pick<UnitDoc, 'status' | 'expiresAt'>, nowIso: string) =>
  isExpired(unit, nowIso) ? ('expired' as const) : unit.status;

/** A unit as its applicant or the community's staff see it (phones masked for anyone but the applicant). */
export function unitView(ctx: ActionContext, unit: UnitDoc) {
  const nowIso = ctx.clock.now().toISOString();
  const own = unit.applicantUserId === ctx.caller.userId;
  return {
    id: unit._id,
    communityId: unit.communityId,
    gridId: unit.gridId,
    type: unit.type,
    typeLabel: UNIT_TYPE_LABELS[unit.type],
    name: unit.name,
    address: unit.address,
    contactName: unit.contactName,
    contactPhone: own ? unit.contactPhone : maskPhone(unit.contactPhone),
    note: unit.note,
    status: displayStatus(unit, nowIso),
    appliedAt: unit.appliedAt,
    evaluatedAt: unit.evaluatedAt,
    score: unit.score,
    year: unit.year,
    title: unit.title,
    expiresAt: unit.expiresAt,
    evaluations: unit.evaluations,
    mine: own,
  };
}

export const scorecardView = (s: ScorecardDoc) => ({
  id: s._id,
  year: s.year,
  evidenceFrom: s.evidenceFrom,
  evidenceTo: s.evidenceTo,
  items: s.items,
  total: s.total,
  max: s.max,
  passScore: s.passScore,
  passed: s.passed,
  title: s.title,
  expiresAt: s.expiresAt,
  evaluatedAt: s.evaluatedAt,
});

/**
 * The facts a scorecard rests on, over the 12 months before `now`. Every read is a count or a
 * bounded page on an indexed field: reports by grid (gridId index), the applicant's volunteer
 * record (by id) and green-coin awards (userId + createdAt index, at most 1000 a year).
 */
export async function gatherEvidence(
  ctx: ActionContext,
  unit: Pick<UnitDoc, 'gridId' | 'applicantUserId'>,
  now: Date,
): Promise<Evidence> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - EVIDENCE_DAYS * 86_400_000).toISOString();
  const inGrid = { gridId: unit.gridId, createdAt: { $gte: from, $lt: to } };
  const overdueFilter = {
    gridId: unit.gridId,
    category: { $in: [...HAZARD_CATEGORIES] },
    status: { $in: [...OPEN_STATUSES] },
    dueAt: { $lt: to },
  };
  const [accepted, closed, closedSample, overdue, overdueSample, volunteer, awards] = await Promise.all([
    ctx.store.count(REPORT_COLLECTIONS.reports, { ...inGrid, status: { $nin: ['recalled', 'rejected'] } }),
    ctx.store.count(REPORT_COLLECTIONS.reports, { ...inGrid, status: 'closed' }),
    ctx.store.find<ReportDoc>(
      REPORT_COLLECTIONS.reports,
      { ...inGrid, status: 'closed' },
      { orderBy: [['createdAt', 'desc']], limit: MAX_EVIDENCE_REFS },
    ),
    ctx.store.count(REPORT_COLLECTIONS.reports, overdueFilter),
    ctx.store.find<ReportDoc>(REPORT_COLLECTIONS.reports, overdueFilter, {
      orderBy: [['dueAt', 'asc']],
      limit: MAX_EVIDENCE_REFS,
    }),
    ctx.store.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, unit.applicantUserId),
    ctx.store.find<AwardDoc>(
      GC_COLLECTIONS.awards,
      { userId: unit.applicantUserId, createdAt: { $gte: from, $lt: to }, status: 'posted' },
      { limit: 1000 },
    ),
  ]);
  const bonuses = awards.filter((a) => a.kind === 'bonus');
  const penalties = awards.filter((a) => a.category === 'safety' && (a.kind === 'penalty' || a.kind === 'veto'));
  return {
    from,
    to,
    grid: { accepted, closed, closedIds: closedSample.map((r) => r._id) },
    hazards: { overdue, overdueIds: overdueSample.map((r) => r._id) },
    volunteer: { minutes: volunteer?.confirmedMinutes ?? 0, registered: volunteer !== null },
    coins: {
      earned: bonuses.reduce((a, b) => a + b.postedAmount, 0),
      awardIds: bonuses.slice(0, MAX_EVIDENCE_REFS).map((a) => a._id),
      safetyPenalties: penalties.length,
      penaltyIds: penalties.slice(0, MAX_EVIDENCE_REFS).map((a) => a._id),
    },
  };
}
