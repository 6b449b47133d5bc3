import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { ActionInput } from '../../cloudfunctions/api';
import { codeOf, expectLedgerInvariants } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { newVolunteer as volunteer } from './timebank.support';

const MIN = 60_000;

// A time bank that checks: points only for time that was measured or confirmed by staff after the fact.
describe('time bank checks (#16 finding 5, #20)', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await expectLedgerInvariants(t.runtime.store);
    await t.close();
  });

  const staff = () => t.as('demo-staff');

  const newVolunteer = (openid: string, verified = false) => volunteer(t, openid, verified);

  async function newActivity(overrides: Partial<ActionInput<'timebank', 'activity.create'>> = {}) {
    const now = t.clock.now().getTime();
    return staff().ok('timebank', 'activity.create', {
      title: '社区花园除草',
      place: '小巷社区中心花园',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 150 * MIN).toISOString(),
      slots: 5,
      ...overrides,
    });
  }

  const codeFor = async (activityId: string) => (await staff().ok('timebank', 'attendance.code', { activityId })).code;
  const points = async (openid: string) => (await t.as(openid).ok('timebank', 'volunteer.me', {})).points.balance;

  it('finding 5: a volunteer organiser cannot mint points for a second account before the activity, without check-in', async () => {
    const organiser = await newVolunteer('tb-mint-org', true);
    const now = t.clock.now().getTime();
    const activity = await organiser.session.ok('timebank', 'activity.create', {
      title: '通宵值守',
      place: '小区门岗',
      startsAt: new Date(now + 60 * MIN).toISOString(),
      endsAt: new Date(now + 60 * MIN + 24 * 60 * MIN).toISOString(),
      slots: 2,
      creditMinutes: 1440,
    });
    const sock = await newVolunteer('tb-mint-sock');
    await sock.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    const attempt = await organiser.session.call('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: sock.userId,
      minutes: 1440,
    });
    expect(codeOf(attempt)).not.toBe('OK');
    expect(await points('tb-mint-sock')).toBe(0);
    // Even after the activity ended, the organiser (not staff) cannot credit time that was not measured.
    t.clock.advance(26 * 60 * MIN);
    expect(
      codeOf(
        await organiser.session.call('timebank', 'attendance.confirm', {
          activityId: activity.id,
          userId: sock.userId,
          minutes: 1440,
          reason: '一直在岗',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await points('tb-mint-sock')).toBe(0);
  });

  it('staff confirm typed minutes only after the activity ended, capped by its length', async () => {
    const activity = await newActivity({ creditMinutes: 120 });
    const v = await newVolunteer('tb-cap-01');
    await v.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    const early = await staff().call('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: v.userId,
      minutes: 120,
      reason: '现场登记',
    });
    expect(codeOf(early)).toBe('CONFLICT');
    expect(early.ok ? '' : early.error.message).toContain('活动结束后');
    t.clock.advance(151 * MIN);
    const tooLong = await staff().call('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: v.userId,
      minutes: 121,
      reason: '现场登记',
    });
    expect(codeOf(tooLong)).toBe('INVALID_INPUT');
    // The refusals were not recorded against the attendance: a right confirmation still goes through.
    const ok = await staff().ok('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: v.userId,
      minutes: 120,
      reason: '签到码失效，组织者现场点名',
    });
    expect(ok).toMatchObject({ confirmedMinutes: 120, points: 4 });
    expect(await points('tb-cap-01')).toBe(4);
  });

  it('credit minutes cannot exceed the activity length; start times in the past are refused', async () => {
    const now = t.clock.now().getTime();
    const base = {
      title: '垃圾分类宣传',
      place: '小巷社区广场',
      slots: 3,
    };
    const long = await staff().call('timebank', 'activity.create', {
      ...base,
      startsAt: new Date(now + 60 * MIN).toISOString(),
      endsAt: new Date(now + 120 * MIN).toISOString(),
      creditMinutes: 600,
    });
    expect(codeOf(long)).toBe('INVALID_INPUT');
    const past = await staff().call('timebank', 'activity.create', {
      ...base,
      startsAt: new Date(now - 5 * MIN).toISOString(),
      endsAt: new Date(now + 60 * MIN).toISOString(),
    });
    expect(codeOf(past)).toBe('INVALID_INPUT');
    expect(past.ok ? '' : past.error.message).toContain('开始时间');
  });

  it('nobody confirms their own attendance, staff included', async () => {
    const activity = await newActivity();
    // The staff member registers as a volunteer and signs up to their own activity.
    await staff().call('timebank', 'volunteer.register', {
      realName: '社区工作者',
      skills: [],
      availability: '工作日',
      consent: true,
    });
    await staff().ok('timebank', 'activity.signUp', { activityId: activity.id });
    t.clock.advance(151 * MIN);
    const self = await staff().call('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: 'user-staff',
      minutes: 120,
      reason: '本人参加',
    });
    expect(codeOf(self)).toBe('FORBIDDEN');
    const batch = await staff().ok('timebank', 'attendance.confirmBatch', {
      activityId: activity.id,
      items: [{ userId: 'user-staff', minutes: 120, reason: '本人参加' }],
    });
    expect(batch.items[0]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('sign-up closes when the activity starts and the list says so', async () => {
    const activity = await newActivity();
    const v = await newVolunteer('tb-close-1');
    const before = await v.session.ok('timebank', 'activity.list', {});
    expect(before.items.find((a) => a.id === activity.id)).toMatchObject({ signUpOpen: true, statusLabel: '报名中' });
    t.clock.advance(31 * MIN);
    const after = await v.session.ok('timebank', 'activity.list', {});
    expect(after.items.find((a) => a.id === activity.id)).toMatchObject({ signUpOpen: false, statusLabel: '进行中' });
    expect(codeOf(await v.session.call('timebank', 'activity.signUp', { activityId: activity.id }))).toBe('CONFLICT');
  });

  it('a 0-minute attendance cannot be confirmed as 120 without a reason; the measured minutes are proposed', async () => {
    const activity = await newActivity();
    const absent = await newVolunteer('tb-zero-1');
    const present = await newVolunteer('tb-zero-2');
    await absent.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    await present.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    t.clock.advance(30 * MIN);
    await present.session.ok('timebank', 'attendance.checkIn', {
      activityId: activity.id,
      code: await codeFor(activity.id),
    });
    t.clock.advance(100 * MIN);
    await present.session.ok('timebank', 'attendance.checkOut', {
      activityId: activity.id,
      code: await codeFor(activity.id),
    });
    t.clock.advance(30 * MIN);
    const roll = await staff().ok('timebank', 'attendance.list', { activityId: activity.id });
    expect(roll.capMinutes).toBe(120);
    expect(roll.items.find((i) => i.userId === present.userId)).toMatchObject({
      measuredMinutes: 100,
      proposedMinutes: 100,
    });
    expect(roll.items.find((i) => i.userId === absent.userId)).toMatchObject({ measuredMinutes: null });
    const noReason = await staff().call('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: absent.userId,
      minutes: 120,
    });
    expect(codeOf(noReason)).toBe('INVALID_INPUT');
    expect(noReason.ok ? '' : noReason.error.message).toContain('原因');
    // 110 vs measured 100 is within 15 minutes: no reason needed. 120 vs 100 needs one.
    const far = await staff().call('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: present.userId,
      minutes: 120,
    });
    expect(codeOf(far)).toBe('INVALID_INPUT');
    const near = await staff().ok('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: present.userId,
      minutes: 110,
    });
    expect(near.confirmedMinutes).toBe(110);
    const withReason = await staff().ok('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: absent.userId,
      minutes: 120,
      reason: '手机没电未能签到，组织者核实全程在场',
    });
    expect(withReason.confirmedMinutes).toBe(120);
    const audit = await t.runtime.store.find<AuditDoc>(
      'audit',
      { action: 'timebank.attendance.confirm' },
      { limit: 10 },
    );
    expect(JSON.stringify(audit)).toContain('手机没电未能签到');
  });

  it('batch confirmation: one action for the whole roll, each line idempotent, bad lines refused alone', async () => {
    const activity = await newActivity({ slots: 60 });
    const people = [];
    for (let i = 0; i < 45; i++) people.push(await newVolunteer(`tb-batch-${String(i).padStart(2, '0')}`));
    for (const p of people) await p.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    t.clock.advance(30 * MIN);
    const code = await codeFor(activity.id);
    for (const p of people.slice(0, 40)) {
      await p.session.ok('timebank', 'attendance.checkIn', { activityId: activity.id, code });
    }
    t.clock.advance(90 * MIN);
    const out = await codeFor(activity.id);
    for (const p of people.slice(0, 40)) {
      await p.session.ok('timebank', 'attendance.checkOut', { activityId: activity.id, code: out });
    }
    t.clock.advance(31 * MIN);
    const items = [
      ...people.slice(0, 40).map((p) => ({ userId: p.userId })),
      // Came without the app: 60 min with a reason.
      ...people.slice(40, 44).map((p) => ({ userId: p.userId, minutes: 60, reason: '未带手机，组织者点名确认' })),
      // No reason for 90 unmeasured minutes: refused, the others still go through.
      { userId: people[44]?.userId ?? '', minutes: 90 },
    ];
    const first = await staff().ok('timebank', 'attendance.confirmBatch', { activityId: activity.id, items });
    expect(first.items).toHaveLength(45);
    expect(first.items.filter((i) => i.ok)).toHaveLength(44);
    expect(first.items.slice(0, 40).every((i) => i.ok && i.confirmedMinutes === 90)).toBe(true);
    expect(first.items[44]).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // Again: the same answers, nothing credited twice.
    const again = await staff().ok('timebank', 'attendance.confirmBatch', { activityId: activity.id, items });
    expect(again.items.filter((i) => i.ok)).toHaveLength(44);
    expect(await points('tb-batch-00')).toBe(3);
    expect(await points('tb-batch-40')).toBe(2);
    const roll = await staff().ok('timebank', 'attendance.list', { activityId: activity.id, limit: 100 });
    expect(roll.items.filter((i) => i.confirmedAt)).toHaveLength(44);
    // Bounded: more lines than one call takes are refused by the schema.
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ userId: `u${i}` }));
    expect(
      codeOf(await staff().call('timebank', 'attendance.confirmBatch', { activityId: activity.id, items: tooMany })),
    ).toBe('INVALID_INPUT');
    // A volunteer cannot use it.
    const volunteer = people[0];
    if (!volunteer) throw new Error('no volunteer');
    expect(
      codeOf(await volunteer.session.call('timebank', 'attendance.confirmBatch', { activityId: activity.id, items })),
    ).toBe('FORBIDDEN');
  });
});
