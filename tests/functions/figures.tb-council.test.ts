import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDoc, OpinionDoc } from '../../cloudfunctions/_core/domain/deliberation/model';
import { COUNTER_COLLECTIONS, COUNTER_SHARDS } from '../../cloudfunctions/_core/domain/figures/counters';
import type { VolunteerDoc } from '../../cloudfunctions/_core/domain/timebank';
import {
  councilFiguresFrom,
  opinionFiguresFrom,
  readTimebankFigures,
  timebankFiguresFrom,
} from '../../cloudfunctions/_core/figures/counters';
import { DEMO } from '../../local/seed';
import { key, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson } from './reports.support';

const MIN = 60_000;
const PEOPLE = ['tbc-v0', 'tbc-v1', 'tbc-v2', 'tbc-v3', 'tbc-v4'];
const CATEGORIES = ['公共服务', '监督管理', '基础设施建设'] as const;

let t: TestRuntime;
/** The dashboard's period: 300 days back and 60 ahead of the start (a request covers 366 days at most). */
let period: { from: string; to: string };
const userIds: string[] = [];
/** Confirmed sign-ups (activity, volunteer) that a correction may change. */
const credited: Array<{ activityId: string; userId: string }> = [];
const meetings: string[] = [];
const opinions: string[] = [];

beforeAll(async () => {
  t = await startTestRuntime();
  const start = t.clock.now().getTime();
  period = {
    from: new Date(start - 300 * 24 * 60 * MIN).toISOString(),
    to: new Date(start + 60 * 24 * 60 * MIN).toISOString(),
  };
  for (const openid of PEOPLE) userIds.push((await newResident(t, openid)).userId);
  // Staff of the second community, who approve moves into it.
  await addPerson(t, 'tbc-staff-b', {
    nickname: '翠峰社工',
    communityId: DEMO.communityB,
    gridId: DEMO.gridB1,
    grants: [
      { role: 'resident', communityId: DEMO.communityB },
      { role: 'staff', communityId: DEMO.communityB },
    ],
  });
});
afterAll(() => t.close());

async function all<T extends { _id: string }>(collection: string): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await t.runtime.store.find<T>(collection, {}, { orderBy: [['_id', 'asc']], skip, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** A counter document's numbers without the zeros a document that moved away leaves behind. */
function normalise(doc: Record<string, unknown>): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'shard' || k === '_id') continue;
    if (typeof v === 'number' && v !== 0) out[k] = v;
    if (v && typeof v === 'object') {
      for (const [n, c] of Object.entries(v as Record<string, number>)) if (c) out[`${k}.${n}`] = c;
    }
  }
  return Object.keys(out).length ? out : null;
}

const byId = (docs: Iterable<{ _id: string }>) => {
  const out: Record<string, Record<string, number>> = {};
  for (const d of docs) {
    const n = normalise(d as unknown as Record<string, unknown>);
    if (n) out[d._id] = n;
  }
  return out;
};

async function expectCountersMatchRawDocuments(): Promise<void> {
  const volunteers = await all<VolunteerDoc>('tb_volunteers');
  const held = await all<MeetingDoc>('meetings');
  const filed = await all<OpinionDoc>('opinions');
  expect(byId(await all(COUNTER_COLLECTIONS.timebank))).toEqual(byId(timebankFiguresFrom(volunteers).values()));
  expect(byId(await all(COUNTER_COLLECTIONS.council))).toEqual(byId(councilFiguresFrom(held).values()));
  expect(byId(await all(COUNTER_COLLECTIONS.opinions))).toEqual(byId(opinionFiguresFrom(filed).values()));
  // And independently of the contribution functions: what the dashboard shows, from the raw documents.
  const f = await t.as('demo-admin').ok('admin', 'figures', { scope: 'community', id: DEMO.communityA, ...period });
  const mine = volunteers.filter((v) => v.communityId === DEMO.communityA);
  const minutes = mine.reduce((a, v) => a + v.confirmedMinutes, 0);
  expect(f.volunteers.volunteers).toBe(mine.length);
  expect(f.volunteers.verified).toBe(mine.filter((v) => v.status === 'verified').length);
  expect(f.volunteers.totalHours).toBe(Math.round(minutes / 6) / 10);
  expect(f.volunteers.stars.reduce((a, n) => a + n, 0)).toBe(mine.length);
  const heldA = held.filter(
    (m) =>
      m.communityId === DEMO.communityA && m.status === 'held' && m.startsAt >= period.from && m.startsAt < period.to,
  );
  expect(f.council.meetingsHeld).toBe(heldA.length);
  expect(f.council.attendees).toBe(heldA.reduce((a, m) => a + (m.minutes?.attendeeCount ?? 0), 0));
  for (const c of CATEGORIES) {
    const n = heldA.flatMap((m) => m.minutes?.outcomes ?? []).filter((o) => o.category === c).length;
    expect(f.council.outcomes[c], c).toBe(n);
  }
  const opA = filed.filter((o) => o.communityId === DEMO.communityA);
  expect(f.council.opinions).toEqual({
    open: opA.filter((o) => o.status === 'open').length,
    answered: opA.filter((o) => o.status === 'answered').length,
  });
}

type Op =
  | { kind: 'register' | 'verify' | 'move'; who: number }
  | { kind: 'credit'; who: number; minutes: number }
  | { kind: 'correct'; pick: number; minutes: number }
  | { kind: 'meeting'; attendees: number; outcomes: number[] }
  | { kind: 'opinion'; pick: number }
  | { kind: 'answer'; pick: number };

const who = fc.nat(PEOPLE.length - 1);
const ops = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), who }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('verify' as const), who }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('credit' as const), who, minutes: fc.integer({ min: 1, max: 120 }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('correct' as const),
        pick: fc.nat(20),
        minutes: fc.integer({ min: 0, max: 120 }),
      }),
    },
    fc.record({ kind: fc.constant('move' as const), who }),
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('meeting' as const),
        attendees: fc.integer({ min: 0, max: 80 }),
        outcomes: fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('opinion' as const), pick: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(20) }) },
  ),
  { minLength: 6, maxLength: 20 },
);

const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(1, list.length)];

/** One operation through the real handlers; refusals (not registered, wrong state) belong to the sequence. */
async function run(op: Op): Promise<void> {
  const staff = t.as('demo-staff');
  switch (op.kind) {
    case 'register':
      await t.as(PEOPLE[op.who] as string).call('timebank', 'volunteer.register', {
        realName: `志愿者${op.who}`,
        skills: [],
        availability: '周末',
        consent: true,
      });
      return;
    case 'verify':
      await staff.call('timebank', 'volunteer.verify', { userId: userIds[op.who] as string });
      return;
    case 'credit': {
      const now = t.clock.now().getTime();
      const activity = await staff.ok('timebank', 'activity.create', {
        title: '楼道清洁日',
        place: '潇湘社区 5 栋',
        startsAt: new Date(now + 30 * MIN).toISOString(),
        endsAt: new Date(now + 150 * MIN).toISOString(),
        slots: 3,
      });
      const signedUp = await t
        .as(PEOPLE[op.who] as string)
        .call('timebank', 'activity.signUp', { activityId: activity.id });
      t.clock.advance(151 * MIN);
      if (!signedUp.ok) return;
      const userId = userIds[op.who] as string;
      const confirmed = await staff.call('timebank', 'attendance.confirm', {
        activityId: activity.id,
        userId,
        minutes: op.minutes,
        reason: '组织者现场点名确认',
      });
      if (confirmed.ok) credited.push({ activityId: activity.id, userId });
      return;
    }
    case 'correct': {
      const c = pick(credited, op.pick);
      if (!c) return;
      await staff.call('timebank', 'attendance.correct', {
        ...c,
        minutes: op.minutes,
        reason: '签退漏记，按实际服务时长更正',
        idempotencyKey: key(),
      });
      return;
    }
    case 'move': {
      // Back and forth between the two communities: the volunteer record (and its counter) follows.
      const user = await t.runtime.store.get<{ _id: string; communityId: string }>('users', userIds[op.who] as string);
      const toB = user?.communityId === DEMO.communityA;
      const asked = await t.as(PEOPLE[op.who] as string).call('identity', 'joinCommunity', {
        communityId: toB ? DEMO.communityB : DEMO.communityA,
        gridId: toB ? DEMO.gridB1 : DEMO.gridA1,
      });
      const moveId = asked.ok ? asked.data.moveRequest?.id : undefined;
      if (moveId) await t.as(toB ? 'tbc-staff-b' : 'demo-staff').call('identity', 'move.approve', { moveId });
      return;
    }
    case 'meeting': {
      const starts = new Date(t.clock.now().getTime() + 60 * MIN);
      const draft = await staff.ok('deliberation', 'meeting.create', {
        format: '院坝会',
        title: '楼道堆物议事',
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 90 * MIN).toISOString(),
        place: '三号楼前院坝',
        agenda: op.outcomes.map((_, i) => `议程${i + 1}`),
      });
      await staff.ok('deliberation', 'meeting.publish', { meetingId: draft.id });
      meetings.push(draft.id);
      t.clock.advance(2 * 60 * MIN);
      await staff.call('deliberation', 'meeting.recordMinutes', {
        meetingId: draft.id,
        attendeeCount: op.attendees,
        outcomes: op.outcomes.map((c, i) => ({
          agendaItemId: `a${i + 1}`,
          category: CATEGORIES[c] as (typeof CATEGORIES)[number],
          decision: '举手表决通过',
        })),
      });
      return;
    }
    case 'opinion': {
      const targetId = pick(meetings, op.pick);
      if (!targetId) return;
      const filed = await t.as('demo-sage').call('deliberation', 'opinion.file', {
        targetKind: 'meeting',
        targetId,
        body: '建议下次会议提前三天公示议程。',
      });
      if (filed.ok) opinions.push(filed.data.id);
      return;
    }
    case 'answer': {
      const opinionId = pick(opinions, op.pick);
      if (!opinionId) return;
      await staff.call('deliberation', 'opinion.answer', { opinionId, answer: '已采纳，下次提前公示。' });
      return;
    }
  }
}

describe('time-bank and council counters kept in the transaction of every change', () => {
  it('equal a recompute from the raw volunteers, meetings and opinions after random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        for (const op of sequence) await run(op);
        await expectCountersMatchRawDocuments();
      }),
      { numRuns: 12, seed: 19 },
    );
    // The sequences reached what the counters follow, or the property proved little.
    const volunteers = await all<VolunteerDoc>('tb_volunteers');
    expect(volunteers.some((v) => v.status === 'verified' && v.confirmedMinutes > 0)).toBe(true);
    expect(volunteers.some((v) => v.communityId === DEMO.communityB && userIds.includes(v.userId))).toBe(true);
    expect((await all<MeetingDoc>('meetings')).filter((m) => m.status === 'held').length).toBeGreaterThan(1);
    expect((await all<OpinionDoc>('opinions')).some((o) => o.status === 'answered')).toBe(true);
    const corrected = await t.runtime.store.count('tb_signups', { corrections: { $gt: 0 } });
    expect(corrected).toBeGreaterThan(0);
  }, 180_000);

  it('spread one community over shards, and read a bounded number of documents for it', async () => {
    const counters = await all<{ _id: string; communityId: string; shard: number }>(COUNTER_COLLECTIONS.timebank);
    const shardsA = new Set(counters.filter((c) => c.communityId === DEMO.communityA).map((c) => c.shard));
    // Five volunteers of one community already land in more than one document.
    expect(shardsA.size).toBeGreaterThan(1);
    expect(counters.filter((c) => c.communityId === DEMO.communityA).length).toBeLessThanOrEqual(COUNTER_SHARDS);
    const read = await readTimebankFigures(t.runtime.store, [DEMO.communityA]);
    expect([...read.keys()]).toEqual([DEMO.communityA]);
  });
});
