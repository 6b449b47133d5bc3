import type {
  DisclosureDoc,
  MeetingDoc,
  OpinionDoc,
  ProcedureDoc,
  ProcedureStep,
  RegistrationDoc,
  TopicDoc,
} from '../../cloudfunctions/_core/domain/deliberation/model';
import { DELIBERATION_COLLECTIONS as C } from '../../cloudfunctions/_core/domain/deliberation/model';
import { applyStep, chinaDate, type StepInput } from '../../cloudfunctions/_core/domain/deliberation/procedure';
import { countMeetingChange, countOpinionChange } from '../../cloudfunctions/_core/figures/counters';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

const COMMUNITY = 'community-xiaoxiang';
const STAFF = { id: 'user-staff', name: '陈书记' };
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/** Offsets from the clock: the demo looks current on any day (and in tests). */
interface Times {
  iso: (offsetMs: number) => string;
  day: (offsetDays: number) => string;
}

/** A meeting with the defaults a published one has; `m` says what differs. */
function meeting(
  iso: Times['iso'],
  m: Partial<MeetingDoc> & Pick<MeetingDoc, '_id' | 'format' | 'title' | 'startsAt' | 'place'>,
): MeetingDoc {
  const base: MeetingDoc = {
    communityId: COMMUNITY,
    description: '',
    endsAt: new Date(Date.parse(m.startsAt) + 2 * HOUR).toISOString(),
    agenda: [],
    audience: 'all',
    registrationLimit: null,
    registeredCount: 0,
    checkedInCount: 0,
    status: 'published',
    checkInCode: null,
    publishedAt: null,
    minutes: null,
    cancelReason: null,
    createdBy: STAFF.id,
    createdAt: iso(-20 * DAY),
    updatedAt: iso(-20 * DAY),
    ...m,
  };
  return base;
}

/** Residents' topics (one answered, settled in a meeting) and their supporters. */
async function seedTopics(store: DocStore, { iso }: Times): Promise<void> {
  const topics: TopicDoc[] = [
    {
      _id: 'topic-demo-lift',
      communityId: COMMUNITY,
      authorUserId: 'user-resident',
      authorName: '张阿姨',
      title: '老楼加装电梯',
      body: '我们 3 栋都是六层老楼，老人上下楼很困难，希望社区牵头加装电梯，费用按楼层分摊。',
      status: 'accepted',
      supportCount: 2,
      answer: {
        status: 'accepted',
        reason: '已纳入老旧小区改造议事会议程，3 栋先行试点，费用分摊方案已议定。',
        answeredBy: STAFF.id,
        answeredAt: iso(-12 * DAY),
      },
      settledIn: {
        meetingId: 'meeting-demo-renovation',
        meetingTitle: '老旧小区改造议事',
        decision: '3 栋先行试点加装电梯，按楼层系数分摊费用',
      },
      createdAt: iso(-18 * DAY),
      updatedAt: iso(-10 * DAY),
    },
    {
      _id: 'topic-demo-charging',
      communityId: COMMUNITY,
      authorUserId: 'user-volunteer',
      authorName: '小李',
      title: '车棚增设电动车充电桩',
      body: '电动车在楼道充电有火灾隐患，建议在车棚增设集中充电桩，按次扫码付费。',
      status: 'open',
      supportCount: 1,
      answer: null,
      settledIn: null,
      createdAt: iso(-3 * DAY),
      updatedAt: iso(-3 * DAY),
    },
    {
      _id: 'topic-demo-square-dance',
      communityId: COMMUNITY,
      authorUserId: 'user-gridworker',
      authorName: '王网格',
      title: '广场舞音量和时间约定',
      body: '晚上广场舞音响较大，影响临街住户休息，建议议定音量上限和结束时间。',
      status: 'under_study',
      supportCount: 0,
      answer: {
        status: 'under_study',
        reason: '正在征求舞蹈队和临街住户意见，下次议事会讨论。',
        answeredBy: STAFF.id,
        answeredAt: iso(-1 * DAY),
      },
      settledIn: null,
      createdAt: iso(-5 * DAY),
      updatedAt: iso(-1 * DAY),
    },
  ];
  for (const t of topics) await store.insert(C.topics, t);
  for (const [topicId, userId] of [
    ['topic-demo-lift', 'user-volunteer'],
    ['topic-demo-lift', 'user-gridworker'],
    ['topic-demo-charging', 'user-resident'],
  ] as const) {
    await store.insert(C.topicSupports, { _id: `${topicId}:${userId}`, topicId, userId, at: iso(-2 * DAY) });
  }
}

/** A held 院坝会 with minutes, upcoming notices, a staff draft, their registrations and counters. */
async function seedMeetings(store: DocStore, { iso }: Times): Promise<void> {
  const meetings: MeetingDoc[] = [
    meeting(iso, {
      _id: 'meeting-demo-renovation',
      format: '院坝会',
      title: '老旧小区改造议事',
      description: '就老旧小区改造的内容、加装电梯和停车位规划听取居民意见。',
      startsAt: iso(-14 * DAY),
      place: '3 栋前院坝',
      agenda: [
        { id: 'a1', title: '3 栋加装电梯及费用分摊' },
        { id: 'a2', title: '改造期间物业管理监督' },
        { id: 'a3', title: '小区停车位重新划线' },
      ],
      status: 'held',
      registeredCount: 3,
      checkedInCount: 2,
      publishedAt: iso(-20 * DAY),
      minutes: {
        attendeeCount: 46,
        checkedInCount: 2,
        summary: '到会居民 46 人，社区、物业、施工方代表列席。逐项讨论后举手表决。',
        outcomes: [
          {
            agendaItemId: 'a1',
            category: '基础设施建设',
            decision: '3 栋先行试点加装电梯，按楼层系数分摊费用',
            linkedTopicIds: ['topic-demo-lift'],
            linkedReportIds: [],
          },
          {
            agendaItemId: 'a2',
            category: '监督管理',
            decision: '推选 5 名居民代表组成改造监督小组，每周巡查一次',
            linkedTopicIds: [],
            linkedReportIds: [],
          },
          {
            agendaItemId: 'a3',
            category: '公共服务',
            decision: '新增 32 个车位，优先保障残疾人和老年人车辆',
            linkedTopicIds: [],
            linkedReportIds: [],
          },
        ],
        recordedAt: iso(-14 * DAY + 3 * HOUR),
        recordedBy: STAFF.id,
        recordedByName: STAFF.name,
      },
    }),
    meeting(iso, {
      _id: 'meeting-demo-cleanup',
      format: '议事会',
      title: '春节前环境卫生整治',
      description: '春节前集中清理楼道堆物和卫生死角，商议分工和志愿者安排。',
      startsAt: iso(3 * DAY),
      place: '社区党群服务中心议事厅',
      agenda: [
        { id: 'a1', title: '楼道堆物清理分工' },
        { id: 'a2', title: '志愿者排班' },
      ],
      registrationLimit: 40,
      registeredCount: 1,
      checkInCode: '246810',
      publishedAt: iso(-2 * DAY),
    }),
    meeting(iso, {
      _id: 'meeting-demo-charging',
      format: '楼宇会',
      title: '电动车集中充电议事',
      description: '就车棚增设充电桩的位置、收费和安全管理听取意见。',
      startsAt: iso(7 * DAY),
      place: '5 栋一楼架空层',
      agenda: [{ id: 'a1', title: '充电桩位置和收费方式' }],
      checkInCode: '135790',
      publishedAt: iso(-1 * DAY),
    }),
    meeting(iso, {
      _id: 'meeting-demo-draft',
      format: '村民代表会议',
      title: '2026 年民生实事项目征集',
      startsAt: iso(14 * DAY),
      place: '社区党群服务中心议事厅',
      agenda: [{ id: 'a1', title: '征集民生实事项目' }],
      audience: 'representatives',
      status: 'draft',
    }),
  ];
  for (const m of meetings) await store.insert(C.meetings, m);
  // The counters admin.figures reads (issue 19), as the handlers keep them.
  for (const m of meetings) await store.runTransaction((tx) => countMeetingChange(tx, null, m));
  const registrations: RegistrationDoc[] = (
    [
      ['meeting-demo-renovation', 'user-resident', iso(-14 * DAY)],
      ['meeting-demo-renovation', 'user-volunteer', iso(-14 * DAY)],
      ['meeting-demo-renovation', 'user-sage', null],
      ['meeting-demo-cleanup', 'user-volunteer', null],
    ] as Array<[string, string, string | null]>
  ).map(([meetingId, userId, checkedInAt]) => ({
    _id: `${meetingId}:${userId}`,
    meetingId,
    userId,
    communityId: COMMUNITY,
    registeredAt: iso(-15 * DAY),
    checkedInAt,
  }));
  for (const r of registrations) await store.insert(C.registrations, r);
}

/** 四议两公开: a completed and a running procedure, and disclosures in all three categories. */
async function seedProcedures(store: DocStore, times: Times): Promise<void> {
  const procedures = procedureDocs(times);
  const disclosures = disclosureDocs(times, procedures[0]?.summary);
  const [resolutionStep, resultStep] = [procedures[0]?.steps[4], procedures[0]?.steps[5]];
  if (resolutionStep) resolutionStep.disclosureId = 'disclosure-demo-rental-resolution';
  if (resultStep) resultStep.disclosureId = 'disclosure-demo-rental-result';
  for (const p of procedures) await store.insert(C.procedures, p);
  for (const d of disclosures) await store.insert(C.disclosures, d);
}

function procedureDocs({ iso, day }: Times): ProcedureDoc[] {
  // Procedures are built through the domain's own step rules, so the demo obeys them.
  const build = (inputs: StepInput[], startDay: number): { steps: ProcedureStep[]; status: ProcedureDoc['status'] } => {
    let state: Pick<ProcedureDoc, 'status' | 'steps'> = { status: 'in_progress', steps: [] };
    inputs.forEach((input, i) => {
      const at = iso((startDay + i) * DAY);
      const decision = applyStep(state, input, {
        recordedAt: at,
        recordedBy: STAFF.id,
        recordedByName: STAFF.name,
        today: day(0),
      });
      // The demo must obey the rules: a refused step is a broken seed, not something to skip.
      if (!decision.ok) throw new Error(`seed step ${input.kind} refused: ${decision.message}`);
      state = { status: decision.status, steps: [...state.steps, decision.step] };
    });
    return state;
  };
  const rental = build(
    [
      { kind: 'proposal', heldOn: day(-30), note: '党委会议提议将社区闲置公共用房出租，租金用于居民公益事业' },
      { kind: 'committees', heldOn: day(-28), note: '社区党委、居委会联席会议商议，拟公开招租' },
      {
        kind: 'party_review',
        heldOn: day(-25),
        note: '党员大会审议通过',
        vote: { total: 36, present: 30, approve: 27 },
      },
      {
        kind: 'villagers_decision',
        heldOn: day(-22),
        note: '居民代表会议表决通过',
        body: 'representatives',
        vote: { total: 45, present: 38, approve: 33 },
      },
      { kind: 'resolution_published', heldOn: day(-21), note: '公开招租，期限 3 年，年租金不低于 4.8 万元' },
      { kind: 'result_published', heldOn: day(-7), note: '经公开竞价由社区便民超市承租，年租金 5.2 万元，合同已签订' },
    ],
    -30,
  );
  const playground = build(
    [
      { kind: 'proposal', heldOn: day(-6), note: '党委提议改造中心花园儿童游乐设施' },
      { kind: 'committees', heldOn: day(-4), note: '两委联席会议商议，预算 18 万元' },
    ],
    -6,
  );
  const procedures: ProcedureDoc[] = [
    {
      _id: 'procedure-demo-rental',
      communityId: COMMUNITY,
      title: '社区闲置公共用房出租',
      summary: '社区有一处 120 平方米闲置公共用房，拟公开招租，租金收入用于居民公益事业。',
      category: 'village',
      createdBy: STAFF.id,
      createdAt: iso(-30 * DAY),
      updatedAt: iso(-7 * DAY),
      ...rental,
    },
    {
      _id: 'procedure-demo-playground',
      communityId: COMMUNITY,
      title: '中心花园儿童游乐设施改造',
      summary: '中心花园儿童游乐设施老化，拟更换滑梯和秋千并铺设塑胶地面，预算 18 万元。',
      category: 'finance',
      createdBy: STAFF.id,
      createdAt: iso(-6 * DAY),
      updatedAt: iso(-4 * DAY),
      ...playground,
    },
  ];
  return procedures;
}

/** A day as the staff member writing the disclosure would type it: 2025年12月14日. */
const inWords = (d: string) => d.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日');

/** The rental's resolution and result, and one disclosure of each other category. */
function disclosureDocs({ iso, day }: Times, rentalSummary: string | undefined): DisclosureDoc[] {
  const disclosures: DisclosureDoc[] = [
    {
      _id: 'disclosure-demo-rental-resolution',
      communityId: COMMUNITY,
      category: 'village',
      title: '【决议公开】社区闲置公共用房出租',
      body: `${rentalSummary}\n\n决议：公开招租，期限 3 年，年租金不低于 4.8 万元\n\n村（居）民代表会议于 ${inWords(day(-22))} 表决：应到 45 人，实到 38 人，赞成 33 人。`,
      attachments: [],
      visibleFrom: iso(-21 * DAY),
      visibleUntil: null,
      source: { kind: 'procedure', procedureId: 'procedure-demo-rental', step: 'resolution_published' },
      publishedBy: STAFF.id,
      publishedByName: STAFF.name,
      createdAt: iso(-21 * DAY),
    },
    {
      _id: 'disclosure-demo-rental-result',
      communityId: COMMUNITY,
      category: 'village',
      title: '【实施结果公开】社区闲置公共用房出租',
      body: '实施结果：经公开竞价由社区便民超市承租，年租金 5.2 万元，合同已签订',
      attachments: [],
      visibleFrom: iso(-7 * DAY),
      visibleUntil: null,
      source: { kind: 'procedure', procedureId: 'procedure-demo-rental', step: 'result_published' },
      publishedBy: STAFF.id,
      publishedByName: STAFF.name,
      createdAt: iso(-7 * DAY),
    },
    {
      _id: 'disclosure-demo-party',
      communityId: COMMUNITY,
      category: 'party',
      title: '2025 年度党费收缴使用情况',
      body: '2025 年度应缴党费 2.36 万元，实缴 2.36 万元；按规定上缴街道党工委，使用明细已在党员大会通报。',
      attachments: [],
      visibleFrom: iso(-10 * DAY),
      visibleUntil: iso(20 * DAY),
      source: null,
      publishedBy: STAFF.id,
      publishedByName: STAFF.name,
      createdAt: iso(-10 * DAY),
    },
    {
      _id: 'disclosure-demo-finance',
      communityId: COMMUNITY,
      category: 'finance',
      title: '2025 年第四季度社区公益金收支',
      body: '本季度收入 12.6 万元（公共用房租金 5.2 万元、上级拨款 7.4 万元），支出 9.8 万元（环境整治 4.1 万元、敬老活动 2.3 万元、设施维修 3.4 万元）。',
      attachments: [],
      visibleFrom: iso(-5 * DAY),
      visibleUntil: iso(25 * DAY),
      source: null,
      publishedBy: STAFF.id,
      publishedByName: STAFF.name,
      createdAt: iso(-5 * DAY),
    },
  ];
  return disclosures;
}

/** Sage opinions (one answered, one open) and the council figures the held meeting counted. */
async function seedOpinions(store: DocStore, { iso }: Times): Promise<void> {
  const opinions: OpinionDoc[] = [
    {
      _id: 'opinion-demo-answered',
      communityId: COMMUNITY,
      authorUserId: 'user-sage',
      authorName: '刘老先生',
      targetKind: 'procedure',
      targetId: 'procedure-demo-rental',
      targetTitle: '社区闲置公共用房出租',
      body: '建议公开竞价过程全程录像，并公布所有报价。',
      status: 'answered',
      answer: {
        body: '已全程录像，三家报价已在公开栏公布。',
        answeredBy: STAFF.id,
        answeredByName: STAFF.name,
        answeredAt: iso(-8 * DAY),
      },
      answerBy: iso(-5 * DAY),
      createdAt: iso(-12 * DAY),
      updatedAt: iso(-8 * DAY),
    },
    {
      _id: 'opinion-demo-open',
      communityId: COMMUNITY,
      authorUserId: 'user-sage',
      authorName: '刘老先生',
      targetKind: 'procedure',
      targetId: 'procedure-demo-playground',
      targetTitle: '中心花园儿童游乐设施改造',
      body: '18 万元预算偏高，建议请两家以上供应商比价，并听取带孩子的家长意见。',
      status: 'open',
      answer: null,
      answerBy: iso(5 * DAY),
      createdAt: iso(-2 * DAY),
      updatedAt: iso(-2 * DAY),
    },
  ];
  for (const o of opinions) await store.insert(C.opinions, o);
  for (const o of opinions) await store.runTransaction((tx) => countOpinionChange(tx, null, o));
  // The held 院坝会 above, as recordMinutes would have counted it.
  await store.insert(C.figures, {
    _id: COMMUNITY,
    meetingsHeld: 1,
    attendees: 46,
    outcomes: { publicService: 1, supervision: 1, infrastructure: 1 },
    updatedAt: iso(-14 * DAY + 3 * HOUR),
  });
}
/**
 * 议事会 demo data for 潇湘社区: a held 院坝会 with minutes, two upcoming notices (one with a
 * registration limit), a staff draft, residents' topics (one answered), a completed and a running
 * 四议两公开 procedure, disclosures in all three categories, and two sage opinions (one open).
 * Times are relative to the clock so the demo looks current on any day (and in tests).
 */
export async function seedDeliberation(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const times: Times = {
    iso: (offset) => new Date(now + offset).toISOString(),
    day: (offsetDays) => chinaDate(new Date(now + offsetDays * DAY)),
  };
  await seedTopics(store, times);
  await seedMeetings(store, times);
  await seedProcedures(store, times);
  await seedOpinions(store, times);
}
