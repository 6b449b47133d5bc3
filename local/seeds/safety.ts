import {
  awardExpiry,
  awardTitle,
  type CriteriaDoc,
  chinaYear,
  DEFAULT_CRITERIA,
  DEFAULT_PASS_SCORE,
  SAFETY_COLLECTIONS,
  scoreUnit,
} from '../../cloudfunctions/_core/domain/safety';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';
import type { ScorecardDoc, UnitDoc } from '../../cloudfunctions/safety/lib/units';

const COMMUNITY = 'community-xiaoxiang';
const DAY = 86_400_000;

/**
 * 平安细胞 demo: 潇湘社区 publishes the default criteria; 潇湘花园小区 holds this year's 平安小区
 * title (with its scorecard), and the 刘家 family's application waits for evaluation.
 */
export async function seedSafety(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now();
  const at = now.toISOString();
  const year = chinaYear(now);
  const criteria: CriteriaDoc = {
    _id: COMMUNITY,
    communityId: COMMUNITY,
    criteria: [...DEFAULT_CRITERIA],
    passScore: DEFAULT_PASS_SCORE,
    publishedAt: at,
    updatedBy: 'user-staff',
  };
  await store.insert(SAFETY_COLLECTIONS.criteria, criteria);

  const appliedAt = new Date(now.getTime() - 20 * DAY).toISOString();
  const evaluatedAt = new Date(now.getTime() - 10 * DAY).toISOString();
  const card = scoreUnit(
    criteria.criteria,
    criteria.passScore,
    {
      from: new Date(now.getTime() - 375 * DAY).toISOString(),
      to: evaluatedAt,
      grid: { accepted: 12, closed: 11, closedIds: [] },
      hazards: { overdue: 0, overdueIds: [] },
      volunteer: { minutes: 1150, registered: true },
      coins: { earned: 45, awardIds: [], safetyPenalties: 0, penaltyIds: [] },
    },
    [{ criterionId: 'onsite', points: 18, note: '消防通道畅通，灭火器在有效期内，门岗登记制度落实' }],
  );
  const title = awardTitle(year, 'estate');
  const base = {
    communityId: COMMUNITY,
    note: '',
    evaluations: 0,
    evaluatedAt: null,
    scorecardId: null,
    score: null,
    year: null,
    title: null,
    expiresAt: null,
  };
  const estate: UnitDoc = {
    ...base,
    _id: 'safety-unit-garden',
    gridId: 'grid-xiaoxiang-2',
    type: 'estate',
    name: '潇湘花园小区',
    address: '潇湘路 88 号',
    applicantUserId: 'user-volunteer',
    contactName: '李物业',
    contactPhone: '13800000012',
    status: 'awarded',
    appliedAt,
    evaluatedAt,
    scorecardId: 'safety-card-garden',
    score: card.total,
    year,
    title,
    expiresAt: awardExpiry(year),
    evaluations: 1,
    updatedAt: evaluatedAt,
  };
  const scorecard: ScorecardDoc = {
    _id: 'safety-card-garden',
    unitId: estate._id,
    communityId: COMMUNITY,
    unitType: 'estate',
    unitName: estate.name,
    year,
    evidenceFrom: new Date(now.getTime() - 375 * DAY).toISOString(),
    evidenceTo: evaluatedAt,
    ...card,
    title,
    expiresAt: awardExpiry(year),
    evaluatorUserId: 'user-staff',
    evaluatedAt,
  };
  const family: UnitDoc = {
    ...base,
    _id: 'safety-unit-liu',
    gridId: 'grid-xiaoxiang-2',
    type: 'family',
    name: '刘家',
    address: '潇湘路 12 号 3 栋 201',
    applicantUserId: 'user-sage',
    contactName: '刘老先生',
    contactPhone: '13800000005',
    note: '三代同堂，家中配有灭火器和烟感报警器',
    status: 'applied',
    appliedAt: new Date(now.getTime() - 2 * DAY).toISOString(),
    updatedAt: new Date(now.getTime() - 2 * DAY).toISOString(),
  };
  await store.insert(SAFETY_COLLECTIONS.units, estate);
  await store.insert(SAFETY_COLLECTIONS.scorecards, scorecard);
  await store.insert(SAFETY_COLLECTIONS.units, family);
}
