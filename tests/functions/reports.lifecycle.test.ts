import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportStatus } from '../../cloudfunctions/_core/domain/reports/types';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, codeOf, photo, reportInput } from './reports.support';

type Event =
  | 'dispatch'
  | 'accept'
  | 'start'
  | 'suspend'
  | 'resume'
  | 'resolve'
  | 'rate_satisfied'
  | 'rate_unsatisfied'
  | 'recall'
  | 'reject';
const EVENTS: Event[] = [
  'dispatch',
  'accept',
  'start',
  'suspend',
  'resume',
  'resolve',
  'rate_satisfied',
  'rate_unsatisfied',
  'recall',
  'reject',
];

// Written out by hand from the issue, independent of the domain table it checks.
const LEGAL: Record<ReportStatus, Event[]> = {
  submitted: ['dispatch', 'accept', 'recall', 'reject'],
  dispatched: ['dispatch', 'accept', 'recall', 'reject'],
  accepted: ['start', 'suspend'],
  in_progress: ['suspend', 'resolve'],
  suspended: ['resume'],
  resolved: ['rate_satisfied', 'rate_unsatisfied'],
  rework: ['start', 'suspend'],
  closed: [],
  rejected: [],
  recalled: [],
};

/** Who may cause each event (when the state allows it); everyone else gets FORBIDDEN. */
const WHO: Record<Event, string[]> = {
  dispatch: ['demo-staff', 'demo-admin'],
  accept: ['demo-gridworker'],
  start: ['demo-gridworker', 'demo-staff', 'demo-admin'],
  suspend: ['demo-gridworker', 'demo-staff', 'demo-admin'],
  resume: ['demo-gridworker', 'demo-staff', 'demo-admin'],
  resolve: ['demo-gridworker', 'demo-staff', 'demo-admin'],
  rate_satisfied: ['demo-resident'],
  rate_unsatisfied: ['demo-resident'],
  recall: ['demo-resident'],
  reject: ['demo-staff', 'demo-admin'],
};
const EVERYONE = [
  'demo-resident',
  'demo-volunteer',
  'demo-gridworker',
  'demo-staff',
  'demo-sage',
  'demo-admin',
  'wx-other-worker',
];

describe('report lifecycle: every event from every state, and every forbidden actor', () => {
  let t: TestRuntime;
  let evidence: string;
  beforeAll(async () => {
    t = await startTestRuntime();
    evidence = await photo(t, 'demo-gridworker');
    // A grid worker of the other grid of the same community: not the handler of grid 1's reports.
    await addPerson(t, 'wx-other-worker', {
      nickname: '赵网格',
      gridId: DEMO.gridA2,
      grants: [
        { role: 'resident', communityId: DEMO.communityA },
        { role: 'gridworker', communityId: DEMO.communityA, gridId: DEMO.gridA2 },
      ],
    });
  });
  afterAll(() => t.close());

  const cause = (openid: string, event: Event, reportId: string) => {
    const s = t.as(openid);
    switch (event) {
      case 'dispatch':
        return s.call('reports', 'dispatch', { reportId, assigneeUserId: 'user-gridworker' });
      case 'suspend':
        return s.call('reports', 'suspend', { reportId, reason: '等待配件到货' });
      case 'resolve':
        return s.call('reports', 'resolve', { reportId, answer: '已经处理完毕，请查看照片', photos: [evidence] });
      case 'rate_satisfied':
        return s.call('reports', 'rate', { reportId, score: 4 });
      case 'rate_unsatisfied':
        return s.call('reports', 'rate', { reportId, score: 2, comment: '没有修好' });
      case 'reject':
        return s.call('reports', 'reject', { reportId, reason: '不属于社区职责' });
      default:
        return s.call('reports', event, { reportId });
    }
  };
  const must = async (openid: string, event: Event, reportId: string) => {
    const result = await cause(openid, event, reportId);
    if (!result.ok) throw new Error(`${event} as ${openid}: ${result.error.code} ${result.error.message}`);
  };

  /** A fresh report in the wanted state, filed by staff for the resident (no daily limit in the way). */
  const reportIn = async (status: ReportStatus): Promise<string> => {
    const { id } = await t
      .as('demo-staff')
      .ok('reports', 'submit', await reportInput(t, { onBehalfOfUserId: 'user-resident' }, 'demo-staff'));
    const path: Record<ReportStatus, Array<[string, Event]>> = {
      submitted: [],
      dispatched: [['demo-staff', 'dispatch']],
      accepted: [
        ['demo-staff', 'dispatch'],
        ['demo-gridworker', 'accept'],
      ],
      in_progress: [
        ['demo-gridworker', 'accept'],
        ['demo-gridworker', 'start'],
      ],
      suspended: [
        ['demo-gridworker', 'accept'],
        ['demo-gridworker', 'start'],
        ['demo-gridworker', 'suspend'],
      ],
      resolved: [
        ['demo-gridworker', 'accept'],
        ['demo-gridworker', 'start'],
        ['demo-gridworker', 'resolve'],
      ],
      rework: [
        ['demo-gridworker', 'accept'],
        ['demo-gridworker', 'start'],
        ['demo-gridworker', 'resolve'],
        ['demo-resident', 'rate_unsatisfied'],
      ],
      closed: [
        ['demo-gridworker', 'accept'],
        ['demo-gridworker', 'start'],
        ['demo-gridworker', 'resolve'],
        ['demo-resident', 'rate_satisfied'],
      ],
      rejected: [['demo-staff', 'reject']],
      recalled: [['demo-resident', 'recall']],
    };
    for (const [openid, event] of path[status]) await must(openid, event, id);
    const detail = await t.as('demo-staff').ok('reports', 'get', { reportId: id });
    expect(detail.status).toBe(status);
    return id;
  };

  const states = Object.keys(LEGAL) as ReportStatus[];
  it.each(states)('from %s: legal events succeed, every other one is CONFLICT', async (status) => {
    for (const event of EVENTS) {
      const id = await reportIn(status);
      const result = await cause(WHO[event][0] as string, event, id);
      expect(codeOf(result), `${event} from ${status}`).toBe(LEGAL[status].includes(event) ? 'OK' : 'CONFLICT');
    }
  });

  it.each(EVENTS)('%s: every actor not allowed is FORBIDDEN and changes nothing', async (event) => {
    const from = states.find((s) => LEGAL[s].includes(event)) as ReportStatus;
    const id = await reportIn(from === 'submitted' && event === 'accept' ? 'dispatched' : from);
    const before = await t.as('demo-staff').ok('reports', 'get', { reportId: id });
    for (const openid of EVERYONE.filter((o) => !WHO[event].includes(o))) {
      expect(codeOf(await cause(openid, event, id)), `${event} as ${openid}`).toBe('FORBIDDEN');
    }
    const after = await t.as('demo-staff').ok('reports', 'get', { reportId: id });
    expect(after.timeline).toEqual(before.timeline);
    for (const openid of WHO[event]) {
      const detail = await t.as(openid).ok('reports', 'get', { reportId: id });
      expect(detail.actions, `${openid} is offered ${event}`).toContain(event);
    }
  });

  it('a report dispatched to another worker is theirs: the grid’s own worker can no longer take it', async () => {
    const id = await reportIn('submitted');
    await t.as('demo-staff').ok('reports', 'dispatch', { reportId: id, assigneeUserId: 'user-wx-other-worker' });
    expect(codeOf(await t.as('demo-gridworker').call('reports', 'accept', { reportId: id }))).toBe('FORBIDDEN');
    expect(codeOf(await t.as('wx-other-worker').call('reports', 'accept', { reportId: id }))).toBe('OK');
    // Dispatch only goes to grid workers of the community.
    const other = await reportIn('submitted');
    const bad = await t
      .as('demo-staff')
      .call('reports', 'dispatch', { reportId: other, assigneeUserId: 'user-volunteer' });
    expect(codeOf(bad)).toBe('INVALID_INPUT');
  });
});
