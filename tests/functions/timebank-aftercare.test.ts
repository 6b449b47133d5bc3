import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { EntryDoc } from '../../cloudfunctions/_core/ledger';
import { LEDGER_COLLECTIONS } from '../../cloudfunctions/_core/ledger';
import type { ActionInput } from '../../cloudfunctions/api';
import { SCHEDULED_JOBS, startScheduler } from '../../local/scheduler';
import { codeOf, expectLedgerInvariants, key } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { newVolunteer as volunteer } from './timebank.support';

const MIN = 60_000;

// What happens around and after an activity: cancellation, corrections, disputes, reminders.
describe('timebank aftercare through the real handlers and embedded store', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await expectLedgerInvariants(t.runtime.store);
    await t.close();
  });

  const staff = () => t.as('demo-staff');

  async function newActivity(overrides: Partial<ActionInput<'timebank', 'activity.create'>> = {}) {
    const now = t.clock.now().getTime();
    return staff().ok('timebank', 'activity.create', {
      title: '敬老院陪伴',
      place: '小巷社区养老服务站',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 150 * MIN).toISOString(),
      slots: 2,
      ...overrides,
    });
  }

  const newVolunteer = (openid: string, verified = false) => volunteer(t, openid, verified);

  const codeFor = async (activityId: string) => (await staff().ok('timebank', 'attendance.code', { activityId })).code;

  const inboxText = async (openid: string) => JSON.stringify(await t.as(openid).ok('inbox', 'list', {}));
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  async function audits(action: string) {
    return t.runtime.store.find<AuditDoc>('audit', { action }, { limit: 100 });
  }

  /** Typed minutes are confirmed by staff only after the activity ended (newActivity ends at +150 min). */
  const afterEnd = () => t.clock.advance(151 * MIN);
  const confirmTyped = (activityId: string, userId: string, minutes: number) =>
    staff().ok('timebank', 'attendance.confirm', { activityId, userId, minutes, reason: '组织者现场点名确认' });

  /** Signs up, and (optionally) gets `minutes` confirmed by staff after the activity. */
  async function attended(openid: string, activityId: string, minutes?: number) {
    const v =
      openid === 'demo-volunteer' ? { session: t.as(openid), userId: 'user-volunteer' } : await newVolunteer(openid);
    await v.session.ok('timebank', 'activity.signUp', { activityId });
    if (minutes !== undefined) {
      afterEnd();
      await confirmTyped(activityId, v.userId, minutes);
    }
    return v;
  }

  describe('cancelling an activity', () => {
    it('tells signed-up and waiting volunteers the Chinese reason; no check-in, confirmation or sign-up afterwards; audited', async () => {
      const activity = await newActivity({ slots: 1 });
      const a = await attended('tb-cx-a1', activity.id);
      const b = await attended('tb-cx-b1', activity.id); // waiting: slots 1
      t.clock.advance(30 * MIN);
      const code = await codeFor(activity.id);
      await a.session.ok('timebank', 'attendance.checkIn', { activityId: activity.id, code });

      // Only the organiser or staff cancel, and with a reason in Chinese.
      expect(
        codeOf(
          await a.session.call('timebank', 'activity.cancel', { activityId: activity.id, reason: '临时有事取消' }),
        ),
      ).toBe('FORBIDDEN');
      const english = await staff().call('timebank', 'activity.cancel', {
        activityId: activity.id,
        reason: 'rain today',
      });
      expect(english).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请用中文填写取消原因' } });

      const done = await staff().ok('timebank', 'activity.cancel', {
        activityId: activity.id,
        reason: '暴雨预警，活动延期',
      });
      expect(done).toMatchObject({ told: 2, activity: { status: 'cancelled', cancelReason: '暴雨预警，活动延期' } });
      for (const openid of ['tb-cx-a1', 'tb-cx-b1']) {
        const text = await inboxText(openid);
        expect(text).toContain('志愿活动已取消');
        expect(text).toContain('暴雨预警，活动延期');
      }
      expect(await inboxText('demo-resident')).not.toContain('暴雨预警');

      expect(
        codeOf(await staff().call('timebank', 'activity.cancel', { activityId: activity.id, reason: '再取消一次' })),
      ).toBe('CONFLICT');
      expect(
        codeOf(
          await staff().call('timebank', 'attendance.confirm', {
            activityId: activity.id,
            userId: a.userId,
            minutes: 30,
          }),
        ),
      ).toBe('CONFLICT');
      expect(codeOf(await staff().call('timebank', 'attendance.code', { activityId: activity.id }))).toBe('CONFLICT');
      expect(codeOf(await a.session.call('timebank', 'attendance.checkOut', { activityId: activity.id, code }))).toBe(
        'CONFLICT',
      );
      const late = await newVolunteer('tb-cx-c1');
      expect(codeOf(await late.session.call('timebank', 'activity.signUp', { activityId: activity.id }))).toBe(
        'NOT_FOUND',
      );
      expect((await a.session.ok('timebank', 'volunteer.me', {})).points.balance).toBe(0);

      // The volunteer still sees it, marked cancelled with the reason; it leaves the open list.
      const seen = await b.session.ok('timebank', 'activity.get', { activityId: activity.id });
      expect(seen.activity).toMatchObject({
        status: 'cancelled',
        statusLabel: '已取消',
        cancelReason: '暴雨预警，活动延期',
      });
      const mine = await b.session.ok('timebank', 'signups.mine', {});
      expect(mine.items[0]?.activity).toMatchObject({ status: 'cancelled' });
      const list = await b.session.ok('timebank', 'activity.list', {});
      expect(list.items.map((i) => i.id)).not.toContain(activity.id);

      const trail = await audits('timebank.activity.cancel');
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ actorUserId: 'user-staff', target: { id: activity.id }, details: { told: 2 } });
    });

    it('a verified volunteer organiser may cancel their own activity; none once hours were confirmed', async () => {
      const organiser = await t.as('demo-volunteer');
      const now = t.clock.now().getTime();
      const own = await organiser.ok('timebank', 'activity.create', {
        title: '周末读书会',
        place: '社区书屋',
        startsAt: new Date(now + 60 * MIN).toISOString(),
        endsAt: new Date(now + 120 * MIN).toISOString(),
        slots: 5,
      });
      expect(
        codeOf(await staff().call('timebank', 'activity.cancel', { activityId: own.id, reason: '场地冲突' })),
      ).toBe('OK');
      expect(
        codeOf(await organiser.call('timebank', 'activity.cancel', { activityId: own.id, reason: '场地冲突' })),
      ).toBe('CONFLICT');

      const activity = await newActivity();
      await attended('tb-cx-d1', activity.id, 60);
      const refused = await staff().call('timebank', 'activity.cancel', {
        activityId: activity.id,
        reason: '人手不足',
      });
      expect(codeOf(refused)).toBe('CONFLICT');
      expect((await staff().ok('timebank', 'activity.get', { activityId: activity.id })).activity.status).toBe(
        'published',
      );
    });
  });

  describe('corrections after confirmation', () => {
    it('adjusts through a new posting (the original entries untouched), idempotent, with the star recomputed', async () => {
      const activity = await newActivity();
      // demo-volunteer has 1150 min (0★, 50 min short of 1★) and 38 points.
      const v = await attended('demo-volunteer', activity.id, 40);
      const me0 = await v.session.ok('timebank', 'volunteer.me', {});
      expect(me0.profile?.star.stars).toBe(0);
      expect(me0.points.balance).toBe(39);
      const original = await t.runtime.store.find<EntryDoc>(
        LEDGER_COLLECTIONS.entries,
        { postingId: `tb-${activity.id}_user-volunteer` },
        { limit: 10 },
      );
      expect(original).toHaveLength(2);

      const up = {
        activityId: activity.id,
        userId: v.userId,
        minutes: 100,
        reason: '签退漏记，实际服务 100 分钟',
        idempotencyKey: key(),
      };
      const [first, again] = await Promise.all([
        staff().ok('timebank', 'attendance.correct', up),
        staff().ok('timebank', 'attendance.correct', up),
      ]);
      expect(first).toMatchObject({ confirmedMinutes: 100, points: 3, pointsDelta: 2, stars: 1, corrections: 1 });
      expect(again).toEqual(first);
      expect(await staff().ok('timebank', 'attendance.correct', up)).toEqual(first);
      // The same correction under a new key changes nothing either.
      expect(codeOf(await staff().call('timebank', 'attendance.correct', { ...up, idempotencyKey: key() }))).toBe(
        'CONFLICT',
      );
      const me1 = await v.session.ok('timebank', 'volunteer.me', {});
      expect(me1.points.balance).toBe(41);
      expect(me1.profile).toMatchObject({ confirmedMinutes: 1250, star: { stars: 1 } });

      const down = await staff().ok('timebank', 'attendance.correct', {
        ...up,
        minutes: 30,
        reason: '提前离场',
        idempotencyKey: key(),
      });
      expect(down).toMatchObject({ confirmedMinutes: 30, points: 1, pointsDelta: -2, stars: 0, corrections: 2 });
      const me2 = await v.session.ok('timebank', 'volunteer.me', {});
      expect(me2.points.balance).toBe(39);
      expect(me2.profile).toMatchObject({ confirmedMinutes: 1180, star: { stars: 0 } });

      // Append-only: the original posting's entries are as they were; two adjusting postings follow it.
      const after = await t.runtime.store.find<EntryDoc>(
        LEDGER_COLLECTIONS.entries,
        { postingId: `tb-${activity.id}_user-volunteer` },
        { limit: 10 },
      );
      expect(after).toEqual(original);
      const c2 = await t.runtime.store.find<EntryDoc>(
        LEDGER_COLLECTIONS.entries,
        { postingId: `tb-${activity.id}_user-volunteer-c2` },
        { limit: 10 },
      );
      expect(c2.map((e) => e.amount).sort()).toEqual([-2, 2]);
      expect(c2.every((e) => e.kind === 'correction' && e.reverses === `tb-${activity.id}_user-volunteer`)).toBe(true);
      expect((await audits('timebank.attendance.correct')).length).toBe(2);
      expect(count(await inboxText('demo-volunteer'), '志愿时长已更正')).toBe(2);
    });

    it('never makes points negative: a take-back beyond what is available is refused until the hold is released', async () => {
      const activity = await newActivity();
      const v = await attended('tb-co-n1', activity.id, 120); // 4 points
      const service = await staff().ok('timebank', 'service.save', { name: '上门理发', points: 4 });
      const request = await v.session.ok('timebank', 'service.request', {
        serviceId: service.id,
        idempotencyKey: key(),
      });
      const payload = {
        activityId: activity.id,
        userId: v.userId,
        minutes: 60,
        reason: '实际只服务 1 小时',
        idempotencyKey: key(),
      };
      const refused = await staff().call('timebank', 'attendance.correct', payload);
      expect(refused).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
      expect(!refused.ok && refused.error.message).toContain('积分不能为负');
      const unchanged = await v.session.ok('timebank', 'signups.mine', {});
      expect(unchanged.items[0]).toMatchObject({ confirmedMinutes: 120, points: 4 });
      expect((await v.session.ok('timebank', 'volunteer.me', {})).points).toMatchObject({ balance: 4, available: 0 });

      await v.session.ok('timebank', 'service.cancel', { requestId: request.id });
      const ok = await staff().ok('timebank', 'attendance.correct', { ...payload, idempotencyKey: key() });
      expect(ok).toMatchObject({ confirmedMinutes: 60, points: 2, pointsDelta: -2 });
      expect((await v.session.ok('timebank', 'volunteer.me', {})).points).toMatchObject({ balance: 2, available: 2 });
    });

    it('only the organiser or staff correct, only confirmed minutes, within the activity length', async () => {
      const activity = await newActivity();
      const v = await attended('tb-co-r1', activity.id);
      const payload = {
        activityId: activity.id,
        userId: v.userId,
        minutes: 60,
        reason: '补记时长',
        idempotencyKey: key(),
      };
      expect(codeOf(await staff().call('timebank', 'attendance.correct', payload))).toBe('CONFLICT');
      afterEnd();
      await confirmTyped(activity.id, v.userId, 30);
      expect(
        codeOf(await v.session.call('timebank', 'attendance.correct', { ...payload, idempotencyKey: key() })),
      ).toBe('FORBIDDEN');
      expect(
        codeOf(
          await staff().call('timebank', 'attendance.correct', { ...payload, minutes: 121, idempotencyKey: key() }),
        ),
      ).toBe('INVALID_INPUT');
      expect(codeOf(await staff().call('timebank', 'attendance.correct', { ...payload, idempotencyKey: key() }))).toBe(
        'OK',
      );
    });
  });

  describe('disputes', () => {
    it('volunteer disputes confirmed minutes; staff uphold, then correct through the correction path; the volunteer is told', async () => {
      const activity = await newActivity();
      const v = await attended('tb-dp-a1', activity.id);
      const dispute = { activityId: activity.id, reason: '我服务了两个小时，只记了半小时', claimedMinutes: 120 };
      expect(codeOf(await v.session.call('timebank', 'dispute.open', dispute))).toBe('CONFLICT');
      afterEnd();
      await confirmTyped(activity.id, v.userId, 30);

      const opened = await v.session.ok('timebank', 'dispute.open', dispute);
      expect(opened.status).toBe('open');
      // One open dispute per attendance.
      expect(codeOf(await v.session.call('timebank', 'dispute.open', dispute))).toBe('CONFLICT');
      expect((await v.session.ok('timebank', 'signups.mine', {})).items[0]).toMatchObject({
        dispute: { status: 'open', statusLabel: '申诉处理中' },
        canDispute: false,
      });

      expect(codeOf(await v.session.call('timebank', 'dispute.queue', {}))).toBe('FORBIDDEN');
      const queue = await staff().ok('timebank', 'dispute.queue', {});
      expect(queue.items).toHaveLength(1);
      expect(queue.items[0]).toMatchObject({
        id: opened.id,
        name: '志愿者a1',
        claimedMinutes: 120,
        currentMinutes: 30,
      });

      const upheld = await staff().ok('timebank', 'dispute.resolve', {
        disputeId: opened.id,
        decision: 'uphold',
        note: '签到记录显示服务半小时',
      });
      expect(upheld).toMatchObject({ status: 'upheld', minutesAfter: 30 });
      expect(
        codeOf(
          await staff().call('timebank', 'dispute.resolve', {
            disputeId: opened.id,
            decision: 'uphold',
            note: '再处理一次',
          }),
        ),
      ).toBe('CONFLICT');
      expect(await inboxText('tb-dp-a1')).toContain('维持 30 分钟');
      expect((await staff().ok('timebank', 'dispute.queue', {})).items).toHaveLength(0);

      t.clock.advance(MIN);
      const second = await v.session.ok('timebank', 'dispute.open', { ...dispute, reason: '有组织者的现场照片为证' });
      expect(
        codeOf(
          await staff().call('timebank', 'dispute.resolve', {
            disputeId: second.id,
            decision: 'correct',
            note: '核实照片',
          }),
        ),
      ).toBe('INVALID_INPUT');
      const corrected = await staff().ok('timebank', 'dispute.resolve', {
        disputeId: second.id,
        decision: 'correct',
        minutes: 120,
        note: '经核实照片，更正为 2 小时',
      });
      expect(corrected).toMatchObject({ status: 'corrected', minutesAfter: 120 });
      const me = await v.session.ok('timebank', 'volunteer.me', {});
      expect(me.points.balance).toBe(4);
      expect(me.profile?.confirmedMinutes).toBe(120);
      const text = await inboxText('tb-dp-a1');
      expect(text).toContain('由 30 分钟更正为 120 分钟，时间积分 +3');
      const resolved = await staff().ok('timebank', 'dispute.queue', { status: 'resolved' });
      expect(resolved.items.map((d) => d.status)).toEqual(['corrected', 'upheld']);
      expect((await audits('timebank.dispute.resolve')).length).toBe(2);

      // A third dispute is the last one allowed.
      const third = await v.session.ok('timebank', 'dispute.open', { ...dispute, reason: '还想再确认一下' });
      await staff().ok('timebank', 'dispute.resolve', { disputeId: third.id, decision: 'uphold', note: '已核实无误' });
      expect(codeOf(await v.session.call('timebank', 'dispute.open', dispute))).toBe('CONFLICT');
    });

    it('parallel disputes on one attendance open exactly one; a resident cannot dispute someone else’s minutes', async () => {
      const activity = await newActivity();
      const v = await attended('tb-dp-p1', activity.id, 60);
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          v.session.call('timebank', 'dispute.open', { activityId: activity.id, reason: `时长不对 ${n} 次` }),
        ),
      );
      expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
      expect((await staff().ok('timebank', 'dispute.queue', {})).items).toHaveLength(1);
      expect(
        codeOf(
          await t
            .as('demo-resident')
            .call('timebank', 'dispute.open', { activityId: activity.id, reason: '替别人申诉' }),
        ),
      ).toBe('NOT_FOUND');
    });
  });

  describe('reminders before an activity', () => {
    it('the timer reminds each signed-up volunteer once, about 2 h before the start; cancelled activities are skipped', async () => {
      const timer = () =>
        t.runtime.invoke(
          'timebank',
          { Type: 'Timer', TriggerName: 'activityReminders', Time: t.clock.now().toISOString() },
          null,
          // The platform's mark (as the scheduler gives it): the body alone runs nothing.
          { trigger: 'timer' },
        );
      await timer(); // whatever the seed has due
      const now = t.clock.now().getTime();
      const activity = await newActivity({
        startsAt: new Date(now + 180 * MIN).toISOString(),
        endsAt: new Date(now + 240 * MIN).toISOString(),
        slots: 1,
      });
      const other = await newActivity({
        title: '河道清理',
        startsAt: new Date(now + 150 * MIN).toISOString(),
        endsAt: new Date(now + 200 * MIN).toISOString(),
      });
      await attended('tb-rm-a1', activity.id);
      await attended('tb-rm-b1', activity.id); // waiting: not reminded until promoted
      await attended('tb-rm-c1', other.id);
      await staff().ok('timebank', 'activity.cancel', { activityId: other.id, reason: '河道涨水，暂停' });

      expect(await timer()).toMatchObject({ ok: true, data: { reminded: 0 } });
      t.clock.advance(61 * MIN); // 1 h 59 min before the start
      expect(await timer()).toMatchObject({ ok: true, data: { reminded: 1 } });
      expect(await timer()).toMatchObject({ ok: true, data: { reminded: 0 } });
      expect(count(await inboxText('tb-rm-a1'), '志愿活动即将开始')).toBe(1);
      expect(await inboxText('tb-rm-b1')).not.toContain('志愿活动即将开始');
      expect(await inboxText('tb-rm-c1')).not.toContain('志愿活动即将开始');

      // The freed place goes to the waiting volunteer, who is reminded at the next run, once.
      await t.as('tb-rm-a1').ok('timebank', 'activity.cancelSignUp', { activityId: activity.id });
      t.clock.advance(5 * MIN);
      expect(await timer()).toMatchObject({ ok: true, data: { reminded: 1 } });
      expect(await timer()).toMatchObject({ ok: true, data: { reminded: 0 } });
      expect(count(await inboxText('tb-rm-b1'), '志愿活动即将开始')).toBe(1);
      expect(count(await inboxText('tb-rm-a1'), '志愿活动即将开始')).toBe(1);

      // A signed-in person cannot pass itself off as the timer; residents cannot sweep.
      expect(
        codeOf(
          await t.runtime.invoke('timebank', { Type: 'Timer', TriggerName: 'activityReminders' }, 'demo-resident'),
        ),
      ).toBe('INVALID_INPUT');
      expect(codeOf(await t.as('demo-resident').call('timebank', 'reminder.sweep', {}))).toBe('FORBIDDEN');
      expect((await staff().ok('timebank', 'reminder.sweep', {})).reminded).toBe(0);
    });

    it('the local scheduler fires the same trigger', async () => {
      const job = SCHEDULED_JOBS.find((j) => j.fn === 'timebank');
      expect(job).toMatchObject({ name: 'activityReminders' });
      const now = t.clock.now().getTime();
      const activity = await newActivity({
        startsAt: new Date(now + 90 * MIN).toISOString(),
        endsAt: new Date(now + 150 * MIN).toISOString(),
      });
      await attended('tb-rm-s1', activity.id);
      const lines: Array<Record<string, unknown>> = [];
      const scheduler = startScheduler(t.runtime, [job as (typeof SCHEDULED_JOBS)[number]], (l) => lines.push(l));
      await scheduler.runOnce();
      await scheduler.runOnce();
      scheduler.stop();
      expect(lines.every((l) => l.level === 'info')).toBe(true);
      expect(count(await inboxText('tb-rm-s1'), '志愿活动即将开始')).toBe(1);
    });
  });
});
