import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { DEMO } from '../../local/seed';
import { codeOf, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// An attacker at home guessing a six-digit check-in code: five wrong tries lock them out. The cap
// must also hold when the guesses arrive at once (Promise.all: one WeChat client firing requests
// in parallel, each a separate function instance on CloudBase), not only one after another.

const MIN = 60_000;
const GUESSES = 40;
/** Distinct codes other than `right`. */
const wrongCodes = (right: string, n: number) =>
  Array.from({ length: n }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));

describe('check-in codes cannot be guessed by firing guesses in parallel', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  it('meeting check-in: of 40 concurrent wrong codes at most 5 are tried; then even the right one is refused', async () => {
    const staff = t.as('demo-staff');
    const draft = await staff.ok('deliberation', 'meeting.create', {
      format: '院坝会',
      title: '三号楼加装电梯议事',
      startsAt: '2026-01-05T11:00:00+08:00',
      endsAt: '2026-01-05T12:30:00+08:00',
      place: '三号楼前院坝',
      agenda: ['费用分摊方案'],
      audience: 'all',
      registrationLimit: null,
    });
    const meeting = await staff.ok('deliberation', 'meeting.publish', { meetingId: draft.id });
    const right = meeting.checkInCode as string;
    t.clock.advance(120 * MIN);
    const attacker = t.as('wx-guesser');
    await attacker.ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    await attacker.ok('identity', 'joinCommunity', { communityId: DEMO.communityA, gridId: DEMO.gridA1 });
    const results = await Promise.all(
      wrongCodes(right, GUESSES).map((code) =>
        attacker.call('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code }),
      ),
    );
    const tried = results.filter((r) => codeOf(r) === 'INVALID_INPUT').length;
    expect(tried, 'wrong codes actually compared with the real one').toBeLessThanOrEqual(5);
    expect(results.every((r) => ['INVALID_INPUT', 'RATE_LIMITED'].includes(codeOf(r)))).toBe(true);
    expect(codeOf(await attacker.call('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code: right }))).toBe(
      'RATE_LIMITED',
    );
    // Someone else still checks in with the code shown in the room.
    await t.as('demo-volunteer').ok('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code: right });
  });

  it('activity check-in: of 40 concurrent wrong codes at most 5 are tried; then even the right one is refused', async () => {
    const now = t.clock.now().getTime();
    const activity = await t.as('demo-staff').ok('timebank', 'activity.create', {
      title: '楼道清洁日',
      description: '清理楼道杂物',
      place: '潇湘社区 5 栋',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 90 * MIN).toISOString(),
      slots: 3,
      skills: [],
    });
    const v = await newResident(t, 'wx-tb-guesser');
    await v.session.ok('timebank', 'volunteer.register', {
      realName: '王猜码',
      skills: [],
      availability: '周末',
      consent: true,
    });
    await v.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    const right = (await t.as('demo-staff').ok('timebank', 'attendance.code', { activityId: activity.id })).code;
    const results = await Promise.all(
      wrongCodes(right, GUESSES).map((code) =>
        v.session.call('timebank', 'attendance.checkIn', { activityId: activity.id, code }),
      ),
    );
    const tried = results.filter((r) => codeOf(r) === 'INVALID_INPUT').length;
    expect(tried, 'wrong codes actually compared with the real one').toBeLessThanOrEqual(5);
    expect(
      codeOf(await v.session.call('timebank', 'attendance.checkIn', { activityId: activity.id, code: right })),
    ).toBe('RATE_LIMITED');
  });
});
