import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionInput } from '../../cloudfunctions/api';
import { codeOf, expectLedgerInvariants, key, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const MIN = 60_000;

describe('timebank through the real handlers and embedded store', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await expectLedgerInvariants(t.runtime.store);
    await t.close();
  });

  /** An activity by the demo staff starting in 30 minutes (sign-up still open, check-in already open). */
  async function newActivity(overrides: Partial<ActionInput<'timebank', 'activity.create'>> = {}) {
    const now = t.clock.now().getTime();
    return t.as('demo-staff').ok('timebank', 'activity.create', {
      title: '楼道清洁日',
      description: '清理楼道杂物',
      place: '小巷社区 5 栋',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 90 * MIN).toISOString(),
      slots: 3,
      skills: [],
      ...overrides,
    });
  }

  async function newVolunteer(openid: string) {
    const r = await newResident(t, openid);
    await r.session.ok('timebank', 'volunteer.register', {
      realName: `志愿者${openid.slice(-2)}`,
      skills: ['陪伴聊天'],
      availability: '周末',
      consent: true,
    });
    return r;
  }

  const codeFor = async (activityId: string) =>
    (await t.as('demo-staff').ok('timebank', 'attendance.code', { activityId })).code;

  it('seeded volunteer card: hours, points through the ledger, star progress and certificate', async () => {
    const me = await t.as('demo-volunteer').ok('timebank', 'volunteer.me', {});
    expect(me.profile).toMatchObject({ confirmedMinutes: 1150, hours: 19, restMinutes: 10, status: 'verified' });
    expect(me.profile?.star).toMatchObject({ stars: 0, nextStarHours: 20, minutesToNext: 50 });
    expect(me.points).toMatchObject({ balance: 38, available: 38 });
    const cert = await t.as('demo-volunteer').ok('timebank', 'certificate', {});
    expect(cert.items).toHaveLength(3);
    expect(cert.items.reduce((s, i) => s + i.minutes, 0)).toBe(1150);
    const list = await t.as('demo-resident').ok('timebank', 'activity.list', {});
    expect(list.items.length).toBeGreaterThanOrEqual(3);
  });

  it('registration needs consent; staff verify; only staff and verified volunteers publish', async () => {
    const { session, userId } = await newResident(t, 'tb-reg-01');
    expect(
      codeOf(
        await session.call('timebank', 'volunteer.register', {
          realName: '赵敏',
          skills: [],
          availability: '周末',
          consent: false,
        }),
      ),
    ).toBe('INVALID_INPUT');
    const profile = await session.ok('timebank', 'volunteer.register', {
      realName: '赵敏',
      skills: ['理发'],
      availability: '周末',
      consent: true,
    });
    expect(profile.status).toBe('pending');
    const draft = {
      title: '理发义剪',
      place: '活动室',
      startsAt: '2026-01-10T09:00:00+08:00',
      endsAt: '2026-01-10T11:00:00+08:00',
      slots: 2,
    };
    expect(codeOf(await session.call('timebank', 'activity.create', draft))).toBe('FORBIDDEN');
    expect(codeOf(await session.call('timebank', 'volunteer.roster', {}))).toBe('FORBIDDEN');
    const roster = await t.as('demo-staff').ok('timebank', 'volunteer.roster', { status: 'pending' });
    expect(roster.items.map((v) => v.userId)).toContain(userId);
    await t.as('demo-staff').ok('timebank', 'volunteer.verify', { userId });
    expect(codeOf(await t.as('demo-staff').call('timebank', 'volunteer.verify', { userId }))).toBe('CONFLICT');
    const created = await session.ok('timebank', 'activity.create', draft);
    expect(created).toMatchObject({ slots: 2, creditMinutes: 120, taken: 0 });
    const me = await session.ok('identity', 'me', {});
    expect(JSON.stringify(me)).toContain('volunteer');
  });

  it('parallel sign-ups never overbook; the rest wait; a cancellation promotes the first waiting', async () => {
    const activity = await newActivity({ slots: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => newVolunteer(`tb-par-${i}`)));
    const results = await Promise.all(
      people.map((p) => p.session.ok('timebank', 'activity.signUp', { activityId: activity.id })),
    );
    expect(results.filter((r) => r.signup?.status === 'signed')).toHaveLength(3);
    expect(results.filter((r) => r.signup?.status === 'waiting')).toHaveLength(5);
    const detail = await t.as('demo-staff').ok('timebank', 'activity.get', { activityId: activity.id });
    expect(detail.activity).toMatchObject({ taken: 3, left: 0, waiting: 5 });
    const signed = people.filter((_, i) => results[i]?.signup?.status === 'signed');
    const leaver = signed[0];
    if (!leaver) throw new Error('no signed person');
    const waiting = people.filter((_, i) => results[i]?.signup?.status === 'waiting');
    const waitingOrder = await Promise.all(
      waiting.map(async (p) => ({
        p,
        pos: (await p.session.ok('timebank', 'activity.get', { activityId: activity.id })).waitingPosition ?? 0,
      })),
    );
    const first = waitingOrder.sort((a, b) => a.pos - b.pos)[0]?.p;
    expect(codeOf(await leaver.session.call('timebank', 'activity.signUp', { activityId: activity.id }))).toBe(
      'CONFLICT',
    );
    const cancelled = await leaver.session.ok('timebank', 'activity.cancelSignUp', { activityId: activity.id });
    expect(cancelled?.promotedUserId).toBe(first?.userId);
    const after = await first?.session.ok('timebank', 'activity.get', { activityId: activity.id });
    expect(after?.mine?.status).toBe('signed');
    expect(after?.activity).toMatchObject({ taken: 3, waiting: 4 });
    const inbox = await first?.session.ok('inbox', 'list', {});
    expect(JSON.stringify(inbox)).toContain('候补成功');
    // A waiting person leaving frees no place.
    await waiting[4]?.session.ok('timebank', 'activity.cancelSignUp', { activityId: activity.id });
    const final = await t.as('demo-staff').ok('timebank', 'activity.get', { activityId: activity.id });
    expect(final.activity).toMatchObject({ taken: 3, waiting: 3 });
  });

  it('the check-in code rotates every two minutes: the previous one still works, older ones do not', async () => {
    const activity = await newActivity();
    const a = await newVolunteer('tb-code-a');
    const b = await newVolunteer('tb-code-b');
    for (const p of [a, b]) await p.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    const shown = await t.as('demo-staff').ok('timebank', 'attendance.code', { activityId: activity.id });
    expect(shown.code).toMatch(/^\d{6}$/);
    expect(Date.parse(shown.expiresAt) - t.clock.now().getTime()).toBeLessThanOrEqual(2 * MIN);
    // Only the organiser (or staff) sees the code.
    expect(codeOf(await a.session.call('timebank', 'attendance.code', { activityId: activity.id }))).toBe('FORBIDDEN');
    const wrong = shown.code === '000000' ? '000001' : '000000';
    expect(
      codeOf(await a.session.call('timebank', 'attendance.checkIn', { activityId: activity.id, code: wrong })),
    ).toBe('INVALID_INPUT');
    t.clock.advance(2 * MIN);
    await a.session.ok('timebank', 'attendance.checkIn', { activityId: activity.id, code: shown.code });
    t.clock.advance(2 * MIN);
    expect(
      codeOf(await b.session.call('timebank', 'attendance.checkIn', { activityId: activity.id, code: shown.code })),
    ).toBe('INVALID_INPUT');
    await b.session.ok('timebank', 'attendance.checkIn', { activityId: activity.id, code: await codeFor(activity.id) });
  });

  it('five wrong codes lock a person out of code check-in for that activity (no guessing from home)', async () => {
    const activity = await newActivity();
    const v = await newVolunteer('tb-guess');
    await v.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    const right = await codeFor(activity.id);
    const wrong = (n: number) => String((Number(right) + 1 + n) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i += 1) {
      expect(
        codeOf(await v.session.call('timebank', 'attendance.checkIn', { activityId: activity.id, code: wrong(i) })),
      ).toBe('INVALID_INPUT');
    }
    expect(
      codeOf(await v.session.call('timebank', 'attendance.checkIn', { activityId: activity.id, code: right })),
    ).toBe('RATE_LIMITED');
    // Staff can still confirm the minutes they saw served, once the activity has ended, with a reason.
    t.clock.advance(91 * MIN);
    const confirmed = await t.as('demo-staff').ok('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: v.userId,
      minutes: 60,
      reason: '签到码被锁，组织者现场点名确认',
    });
    expect(confirmed).toMatchObject({ confirmedMinutes: 60, points: 2 });
  });

  it('double check-in is a CONFLICT; confirming twice credits once', async () => {
    const activity = await newActivity();
    const v = await newVolunteer('tb-twice');
    await v.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    t.clock.advance(30 * MIN);
    await v.session.ok('timebank', 'attendance.checkIn', { activityId: activity.id, code: await codeFor(activity.id) });
    expect(
      codeOf(
        await v.session.call('timebank', 'attendance.checkIn', {
          activityId: activity.id,
          code: await codeFor(activity.id),
        }),
      ),
    ).toBe('CONFLICT');
    t.clock.advance(47 * MIN);
    await v.session.ok('timebank', 'attendance.checkOut', {
      activityId: activity.id,
      code: await codeFor(activity.id),
    });
    const roll = await t.as('demo-staff').ok('timebank', 'attendance.list', { activityId: activity.id });
    expect(roll.items.find((i) => i.userId === v.userId)).toMatchObject({ measuredMinutes: 47 });
    const payload = { activityId: activity.id, userId: v.userId };
    const [first, second] = await Promise.all([
      t.as('demo-staff').ok('timebank', 'attendance.confirm', payload),
      t.as('demo-staff').ok('timebank', 'attendance.confirm', payload),
    ]);
    expect(first).toMatchObject({ confirmedMinutes: 47, points: 1 });
    expect(second).toEqual(first);
    expect(await t.as('demo-staff').ok('timebank', 'attendance.confirm', payload)).toEqual(first);
    expect(codeOf(await t.as('demo-staff').call('timebank', 'attendance.confirm', { ...payload, minutes: 60 }))).toBe(
      'CONFLICT',
    );
    const me = await v.session.ok('timebank', 'volunteer.me', {});
    expect(me.points.balance).toBe(1);
    expect(me.profile?.confirmedMinutes).toBe(47);
    // A volunteer cannot confirm hours.
    expect(codeOf(await v.session.call('timebank', 'attendance.confirm', payload))).toBe('FORBIDDEN');
    const inbox = await v.session.ok('inbox', 'list', {});
    expect(JSON.stringify(inbox)).toContain('志愿时长已确认');
  });

  it('star thresholds at the exact boundary: 19 h 59 min is 0★, 20 h 00 min is 1★; thresholds are configurable', async () => {
    const v = await newVolunteer('tb-star');
    const now = t.clock.now().getTime();
    const long = await newActivity({
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 30 * MIN + 1200 * MIN).toISOString(),
    });
    const short = await newActivity();
    for (const a of [long, short]) await v.session.ok('timebank', 'activity.signUp', { activityId: a.id });
    const staff = t.as('demo-staff');
    // Typed minutes are confirmed by staff after both activities ended.
    t.clock.advance((30 + 1200 + 1) * MIN);
    const one = await staff.ok('timebank', 'attendance.confirm', {
      activityId: long.id,
      userId: v.userId,
      minutes: 1199,
      reason: '纸质签到表核对',
    });
    expect(one).toMatchObject({ totalMinutes: 1199, stars: 0, points: 39 });
    let me = await v.session.ok('timebank', 'volunteer.me', {});
    expect(me.profile?.star).toMatchObject({ stars: 0, minutesToNext: 1, percent: 99 });
    const two = await staff.ok('timebank', 'attendance.confirm', {
      activityId: short.id,
      userId: v.userId,
      minutes: 1,
    });
    expect(two).toMatchObject({ totalMinutes: 1200, stars: 1, points: 0 });
    me = await v.session.ok('timebank', 'volunteer.me', {});
    expect(me.profile?.star).toMatchObject({ stars: 1, nextStarHours: 100, percent: 0 });
    expect(me.points.balance).toBe(39);
    expect(
      codeOf(await staff.call('timebank', 'rule.save', { minutesPerPoint: 60, starHours: [10, 5, 30, 40, 50] })),
    ).toBe('INVALID_INPUT');
    await staff.ok('timebank', 'rule.save', { minutesPerPoint: 60, starHours: [10, 20, 30, 40, 50] });
    me = await v.session.ok('timebank', 'volunteer.me', {});
    expect(me.profile?.star).toMatchObject({ stars: 2, nextStarHours: 30 });
  });

  it('services: request holds points, approve captures, reject and cancel release; too few points is refused', async () => {
    const staff = t.as('demo-staff');
    const volunteer = t.as('demo-volunteer');
    const services = await volunteer.ok('timebank', 'service.list', {});
    const escort = services.items.find((s) => s.name === '陪同就医');
    const haircut = services.items.find((s) => s.name === '上门理发');
    expect(escort?.points).toBe(30);
    const poor = await newVolunteer('tb-poor');
    expect(
      codeOf(
        await poor.session.call('timebank', 'service.request', { serviceId: haircut?.id ?? '', idempotencyKey: key() }),
      ),
    ).toBe('INSUFFICIENT_FUNDS');
    const a = await volunteer.ok('timebank', 'service.request', {
      serviceId: haircut?.id ?? '',
      idempotencyKey: key(),
    });
    expect((await volunteer.ok('timebank', 'volunteer.me', {})).points).toMatchObject({ balance: 38, available: 28 });
    // 30 points wanted, 28 spendable: the held 10 cannot be spent twice.
    expect(
      codeOf(
        await volunteer.call('timebank', 'service.request', { serviceId: escort?.id ?? '', idempotencyKey: key() }),
      ),
    ).toBe('INSUFFICIENT_FUNDS');
    const queue = await staff.ok('timebank', 'service.queue', {});
    expect(queue.items.map((i) => i.id)).toContain(a.id);
    const [x, y] = await Promise.all([
      staff.call('timebank', 'service.approve', { requestId: a.id }),
      staff.call('timebank', 'service.reject', { requestId: a.id, reason: '本周无人手' }),
    ]);
    expect([codeOf(x), codeOf(y)].sort()).toEqual(['CONFLICT', 'OK']);
    const points = (await volunteer.ok('timebank', 'volunteer.me', {})).points;
    expect(points.held).toBe(0);
    expect(points.balance).toBe(codeOf(x) === 'OK' ? 28 : 38);
    const visit = services.items.find((s) => s.name === '老人陪护探访');
    const b = await volunteer.ok('timebank', 'service.request', { serviceId: visit?.id ?? '', idempotencyKey: key() });
    await volunteer.ok('timebank', 'service.cancel', { requestId: b.id });
    expect(codeOf(await staff.call('timebank', 'service.approve', { requestId: b.id }))).toBe('CONFLICT');
    const mine = await volunteer.ok('timebank', 'service.mine', {});
    expect(mine.items.find((i) => i.id === b.id)?.status).toBe('cancelled');
  });

  it('staff figures: registered share of residents and average hours per volunteer', async () => {
    await newVolunteer('tb-fig-1');
    const f = await t.as('demo-staff').ok('timebank', 'figures', {});
    expect(f.volunteers).toBe(2);
    expect(f.residents).toBeGreaterThanOrEqual(f.volunteers);
    expect(f.registeredShare).toBe(Math.round((2 * 1000) / f.residents) / 10);
    expect(f.averageHours).toBe(Math.round(1150 / 2 / 6) / 10);
    expect(codeOf(await t.as('demo-volunteer').call('timebank', 'figures', {}))).toBe('FORBIDDEN');
  });
});
