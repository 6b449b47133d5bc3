import type { MeetingDoc, OpinionDoc } from '../../cloudfunctions/_core/domain/deliberation/model';
import type { StatsDoc as GcStatsDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { newReportDoc } from '../../cloudfunctions/_core/domain/reports/new';
import type { ReportDoc, ReportStatus } from '../../cloudfunctions/_core/domain/reports/types';
import { countMeetingChange, countOpinionChange } from '../../cloudfunctions/_core/figures/counters';
import { figuresFromReports } from '../../cloudfunctions/_core/ledger/reportFigures';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';
import { DEMO } from '../../local/seed';

/** March 2027 in China time: no demo data lives there, so every figure is ours to hand-compute. */
export const PERIOD = { from: '2027-03-01T00:00:00+08:00', to: '2027-04-01T00:00:00+08:00' };
export const NOW = new Date('2027-03-20T10:00:00+08:00');

const iso = (s: string) => new Date(s).toISOString();

/**
 * A report as newReportDoc files it, then moved to the state the case needs (`over`). Deadlines
 * start at filing (0-hour SLA) and the SLA sort key is far away unless the case sets them, so a
 * figure is overdue only where a case says so.
 */
export function report(id: string, over: Partial<ReportDoc> & { status: ReportStatus; createdAt: string }): ReportDoc {
  const createdAt = iso(over.createdAt);
  const filed = newReportDoc({
    id,
    communityId: DEMO.communityA,
    gridId: DEMO.gridA1,
    category: { _id: 'environment', responseHours: 0, resolveHours: 0 },
    description: `测试事项 ${id}`,
    photos: [],
    location: { address: '潇湘路 1 号' },
    anonymous: false,
    reporterUserId: 'user-resident',
    filedByUserId: null,
    at: createdAt,
  });
  return { ...filed, dueAt: '9999-12-31T00:00:00.000Z', ...over, createdAt };
}

/**
 * The hand-computed dataset (see figures.test.ts for the expected numbers):
 * 潇湘 grid 1: closed environment, overdue submitted environment, rejected road;
 * 潇湘 grid 2: in-progress fire (not yet due), recalled other; one more 潇湘 report in February;
 * 翠峰: closed environment, closed road.
 */
export async function seedFigures(store: DocStore): Promise<void> {
  const A = DEMO.communityA;
  const B = DEMO.communityB;
  const reports: ReportDoc[] = [
    report('fig-a1', { status: 'closed', createdAt: '2027-03-02T09:00:00+08:00' }),
    // Past its response deadline: the SLA sweep has escalated it (that is what "overdue" counts).
    report('fig-a2', {
      status: 'submitted',
      escalation: 1,
      createdAt: '2027-03-01T08:00:00+08:00',
      dueAt: iso('2027-03-01T12:00:00+08:00'),
    }),
    report('fig-a3', { status: 'rejected', category: 'road', createdAt: '2027-03-10T09:00:00+08:00' }),
    report('fig-a4', {
      status: 'in_progress',
      category: 'fire',
      gridId: DEMO.gridA2,
      createdAt: '2027-03-18T09:00:00+08:00',
      dueAt: iso('2027-03-25T09:00:00+08:00'),
    }),
    report('fig-a5', {
      status: 'recalled',
      category: 'other',
      gridId: DEMO.gridA2,
      createdAt: '2027-03-31T23:00:00+08:00',
    }),
    report('fig-a-feb', { status: 'closed', createdAt: '2027-02-28T23:59:00+08:00' }),
    report('fig-b1', { status: 'closed', communityId: B, gridId: DEMO.gridB1, createdAt: '2027-03-05T09:00:00+08:00' }),
    report('fig-b2', {
      status: 'closed',
      category: 'road',
      communityId: B,
      gridId: DEMO.gridB1,
      createdAt: '2027-03-06T09:00:00+08:00',
    }),
  ];
  for (const r of reports) await store.insert('reports', r);
  // Inserted behind the handlers' back, so their counters are written as the handlers would.
  for (const doc of figuresFromReports(reports).values()) await store.insert('report_figures', doc);

  const gc = (communityId: string, month: string, over: Partial<GcStatsDoc>): GcStatsDoc => ({
    _id: `${communityId}|${month}`,
    communityId,
    month,
    issued: 0,
    deducted: 0,
    redeemed: 0,
    refunded: 0,
    awards: 0,
    redemptions: 0,
    byCategory: {},
    ...over,
  });
  await store.insert('gc_stats', gc(A, '2027-03', { issued: 100, redeemed: 30, redemptions: 2, awards: 5 }));
  await store.insert('gc_stats', gc(B, '2027-03', { issued: 50, awards: 2 }));
  await store.insert('gc_stats', gc(A, '2027-04', { issued: 999 }));

  const meeting = (id: string, over: Partial<MeetingDoc>): MeetingDoc =>
    ({
      _id: id,
      communityId: A,
      format: '院坝会',
      title: `测试会议 ${id}`,
      description: '',
      startsAt: iso('2027-03-15T19:00:00+08:00'),
      endsAt: iso('2027-03-15T21:00:00+08:00'),
      place: '潇湘社区活动室',
      agenda: [],
      audience: 'public',
      registrationLimit: null,
      registeredCount: 0,
      checkedInCount: 0,
      status: 'held',
      checkInCode: null,
      publishedAt: null,
      minutes: null,
      ...over,
    }) as MeetingDoc;
  const outcome = (category: '公共服务' | '监督管理' | '基础设施建设') => ({
    agendaItemId: category,
    category,
    decision: '议定',
    linkedTopicIds: [],
    linkedReportIds: [],
  });
  const minutes = (attendeeCount: number, outcomes: ReturnType<typeof outcome>[]) => ({
    attendeeCount,
    checkedInCount: attendeeCount,
    summary: '纪要',
    outcomes,
    recordedAt: iso('2027-03-15T21:00:00+08:00'),
    recordedBy: 'user-staff',
    recordedByName: '社区工作者',
  });
  const meetings = [
    meeting('fig-m1', { minutes: minutes(25, [outcome('公共服务'), outcome('公共服务'), outcome('基础设施建设')]) }),
    meeting('fig-m2', { startsAt: iso('2027-02-15T19:00:00+08:00'), minutes: minutes(40, [outcome('监督管理')]) }),
    meeting('fig-m3', { status: 'published' }),
    meeting('fig-m4', { communityId: B, minutes: minutes(10, [outcome('监督管理')]) }),
  ];
  // Each with the counters admin.figures reads (issue 19), as the handlers keep them.
  for (const m of meetings) {
    await store.runTransaction(async (tx) => {
      await tx.insert('meetings', m);
      await countMeetingChange(tx, null, m);
    });
  }

  const opinion = (id: string, communityId: string, status: 'open' | 'answered') =>
    ({ _id: id, communityId, status, createdAt: iso('2027-03-03T10:00:00+08:00') }) as unknown as OpinionDoc;
  for (const o of [opinion('fig-o1', A, 'open'), opinion('fig-o2', A, 'answered'), opinion('fig-o3', B, 'open')]) {
    await store.runTransaction(async (tx) => {
      await tx.insert('opinions', o);
      await countOpinionChange(tx, null, o);
    });
  }
}
