import {
  type CaseCounterDoc,
  caseCounterId,
  caseNumber,
  caseShardOf,
} from '../../cloudfunctions/_core/domain/reports/case';
import { DEFAULT_CATEGORIES } from '../../cloudfunctions/_core/domain/reports/categories';
import { newReportDoc } from '../../cloudfunctions/_core/domain/reports/new';
import { chinaDay } from '../../cloudfunctions/_core/domain/reports/sla';
import {
  REPORT_COLLECTIONS,
  type ReportDoc,
  type ReportEventDoc,
} from '../../cloudfunctions/_core/domain/reports/types';
import { figuresFromReports } from '../../cloudfunctions/_core/ledger/reportFigures';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';
import { slaFields } from '../../cloudfunctions/reports/lib/changes';
import { CASE_CODES } from './places';

const COMMUNITY = 'community-xiaoxiang';
const HOUR = 3600_000;

type Step = Omit<ReportEventDoc, '_id' | 'reportId' | 'seq' | 'at'> & { afterHours: number };

const step = (
  afterHours: number,
  actorUserId: string,
  action: ReportEventDoc['action'],
  fromStatus: ReportEventDoc['fromStatus'],
  toStatus: ReportEventDoc['toStatus'],
  note: string | null = null,
): Step => ({ afterHours, actorUserId, action, fromStatus, toStatus, note, photos: [] });

interface DemoReport
  extends Pick<ReportDoc, '_id' | 'gridId' | 'category' | 'description' | 'anonymous' | 'reporterUserId'> {
  hoursAgo: number;
  address: string;
  /** Where the report stands now; `at(h)` is the time h hours ago. */
  final: (at: (hoursAgo: number) => string) => Partial<ReportDoc>;
  /** What happened after it was submitted, in order. */
  steps: Step[];
}

/**
 * 随手拍 demo data for 潇湘社区: one report closed with a satisfied rating, one being worked on,
 * one waiting for its rating, and an anonymous one nobody has taken yet in the grid without a
 * worker (so staff see something to dispatch). No photos: the demo file store starts empty.
 * Times are relative to the clock so the SLA countdowns look current on any day.
 */
const DEMO_REPORTS: DemoReport[] = [
  {
    _id: 'report-demo-greenbelt',
    gridId: 'grid-xiaoxiang-1',
    category: 'environment',
    description: '南门绿化带里堆了一堆装修垃圾，有一个多星期了，天热有味道。',
    anonymous: false,
    reporterUserId: 'user-resident',
    hoursAgo: 144,
    address: '潇湘社区南门绿化带',
    final: (at) => ({
      status: 'closed',
      assigneeUserId: 'user-gridworker',
      respondedAt: at(142),
      resolvedAt: at(120),
      closedAt: at(110),
      answer: '已联系物业和装修户，垃圾已全部清运，绿化带补种了草皮。以后装修垃圾请堆放到北门临时堆放点。',
      rating: { score: 5, satisfied: true, comment: '处理得很快，谢谢！', at: at(110) },
    }),
    steps: [
      step(1, 'user-staff', 'dispatch', 'submitted', 'dispatched', '派给 王网格'),
      step(2, 'user-gridworker', 'accept', 'dispatched', 'accepted'),
      step(3, 'user-gridworker', 'start', 'accepted', 'in_progress'),
      step(
        24,
        'user-gridworker',
        'resolve',
        'in_progress',
        'resolved',
        '已联系物业和装修户，垃圾已全部清运，绿化带补种了草皮。以后装修垃圾请堆放到北门临时堆放点。',
      ),
      step(34, 'user-resident', 'rate', 'resolved', 'closed', '处理得很快，谢谢！'),
    ],
  },
  {
    _id: 'report-demo-pavement',
    gridId: 'grid-xiaoxiang-1',
    category: 'road',
    description: '5 号楼前的人行道地砖松动翘起，老人晚上经过容易绊倒。',
    anonymous: false,
    reporterUserId: 'user-resident',
    hoursAgo: 30,
    address: '潇湘社区 5 号楼前人行道',
    final: (at) => ({ status: 'in_progress', assigneeUserId: 'user-gridworker', respondedAt: at(28) }),
    steps: [
      step(2, 'user-gridworker', 'accept', 'submitted', 'accepted'),
      step(4, 'user-gridworker', 'start', 'accepted', 'in_progress', '已拉警戒线，等市政的维修队上门'),
    ],
  },
  {
    _id: 'report-demo-clinic',
    gridId: 'grid-xiaoxiang-2',
    category: 'public_service',
    description: '社区卫生服务站周六上午不开门，量血压要跑很远。',
    anonymous: false,
    reporterUserId: 'user-volunteer',
    hoursAgo: 60,
    address: '潇湘社区卫生服务站',
    final: (at) => ({
      status: 'resolved',
      assigneeUserId: 'user-gridworker',
      respondedAt: at(58),
      resolvedAt: at(6),
      answer: '已和卫生服务站商定：从下个月起每周六上午 8:30–11:30 开门，提供量血压、测血糖服务。',
    }),
    steps: [
      step(1, 'user-staff', 'dispatch', 'submitted', 'dispatched', '派给 王网格'),
      step(2, 'user-gridworker', 'accept', 'dispatched', 'accepted'),
      step(3, 'user-gridworker', 'start', 'accepted', 'in_progress'),
      step(
        54,
        'user-gridworker',
        'resolve',
        'in_progress',
        'resolved',
        '已和卫生服务站商定：从下个月起每周六上午 8:30–11:30 开门，提供量血压、测血糖服务。',
      ),
    ],
  },
  {
    _id: 'report-demo-camera',
    gridId: 'grid-xiaoxiang-2',
    category: 'security',
    description: '地下车库入口的监控摄像头坏了好几天，晚上车库里很暗。',
    anonymous: true,
    reporterUserId: 'user-sage',
    hoursAgo: 1,
    address: '潇湘社区地下车库 B 口',
    final: () => ({}),
    steps: [],
  },
];

/** Case numbers as submit would have drawn them: per (China day, shard) sequence. */
type CaseSequences = Map<string, number>;

/** One demo report as reports.submit files it (newReportDoc), moved to its final state, with its events. */
async function seedOne(store: DocStore, now: number, sequences: CaseSequences, input: DemoReport): Promise<ReportDoc> {
  const created = now - input.hoursAgo * HOUR;
  const createdAt = new Date(created).toISOString();
  const category = DEFAULT_CATEGORIES.find((c) => c._id === input.category);
  if (!category) throw new Error(`unknown category ${input.category}`);
  const day = chinaDay(new Date(created));
  const shard = caseShardOf(input._id);
  const sequence = `${day}|${shard}`;
  sequences.set(sequence, (sequences.get(sequence) ?? 0) + 1);
  const filed = newReportDoc({
    id: input._id,
    communityId: COMMUNITY,
    gridId: input.gridId,
    category,
    description: input.description,
    photos: [],
    location: { address: input.address },
    anonymous: input.anonymous,
    reporterUserId: input.reporterUserId,
    filedByUserId: null,
    at: createdAt,
  });
  const base: ReportDoc = {
    ...filed,
    caseNo: caseNumber(CASE_CODES[COMMUNITY] ?? 'GZ', day, shard, sequences.get(sequence) ?? 1),
    version: 1 + input.steps.length,
    ...input.final((hoursAgo) => new Date(now - hoursAgo * HOUR).toISOString()),
  };
  const report = { ...base, ...slaFields(base) };
  await store.insert(REPORT_COLLECTIONS.reports, report);
  const steps = [step(0, input.reporterUserId, 'submit', null, 'submitted'), ...input.steps];
  for (const [i, { afterHours, ...rest }] of steps.entries()) {
    await store.insert<ReportEventDoc>(REPORT_COLLECTIONS.events, {
      _id: `${report._id}:${i + 1}`,
      reportId: report._id,
      seq: i + 1,
      at: new Date(created + afterHours * HOUR).toISOString(),
      ...rest,
    });
  }
  return report;
}

export async function seedReports(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const sequences: CaseSequences = new Map();
  // The figures' counters are computed from the seeded reports at the end, as the handlers would.
  const seeded: ReportDoc[] = [];
  for (const input of DEMO_REPORTS) seeded.push(await seedOne(store, now, sequences, input));
  for (const doc of figuresFromReports(seeded).values()) await store.insert(REPORT_COLLECTIONS.figures, doc);
  // The counters are stored so new reports continue the demo's case numbers.
  for (const [sequence, count] of sequences) {
    const [day = '', shard = '0'] = sequence.split('|');
    await store.insert<CaseCounterDoc>(REPORT_COLLECTIONS.caseCounters, {
      _id: caseCounterId(COMMUNITY, day, Number(shard)),
      communityId: COMMUNITY,
      day,
      shard: Number(shard),
      count,
    });
  }
}
