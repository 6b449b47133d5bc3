import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const HOUR = 3600 * 1000;

describe('议事会 meetings, notices and topics through the deliberation function', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  /** A published meeting starting in two hours (the test clock is 2026-01-05 09:00 CST). */
  async function publishedMeeting(extra: { registrationLimit?: number | null } = {}) {
    const staff = t.as('demo-staff');
    const draft = await staff.ok('deliberation', 'meeting.create', {
      format: '院坝会',
      title: '三号楼加装电梯议事',
      description: '商议加装电梯的费用分摊和施工安排',
      startsAt: '2026-01-05T11:00:00+08:00',
      endsAt: '2026-01-05T12:30:00+08:00',
      place: '三号楼前院坝',
      agenda: ['费用分摊方案', '施工期间出行安排'],
      audience: 'all',
      registrationLimit: extra.registrationLimit ?? null,
    });
    expect(draft.status).toBe('draft');
    return staff.ok('deliberation', 'meeting.publish', { meetingId: draft.id });
  }

  /** A fresh resident of the demo community. */
  async function newResident(openid: string) {
    const s = t.as(openid);
    await s.ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    await s.ok('identity', 'joinCommunity', { communityId: DEMO.communityA, gridId: DEMO.gridA1 });
    return s;
  }

  it('the demo seed gives the resident notices to read, an answered topic and a board to browse', async () => {
    const resident = t.as('demo-resident');
    const notices = await resident.ok('deliberation', 'notices.list', {});
    expect(notices.items.map((m) => m.title)).toEqual(['电动车集中充电议事', '春节前环境卫生整治', '老旧小区改造议事']);
    expect(notices.unreadCount).toBe(3);
    const held = await resident.ok('deliberation', 'meeting.get', { meetingId: 'meeting-demo-renovation' });
    expect(held.minutes?.outcomes.map((o) => o.category)).toEqual(['基础设施建设', '监督管理', '公共服务']);
    expect(held.myRegistration?.checkedInAt).toBeTruthy();
    const mine = await resident.ok('deliberation', 'topic.list', { scope: 'mine' });
    expect(mine.items[0]).toMatchObject({ status: 'accepted', settledIn: { meetingId: 'meeting-demo-renovation' } });
    const board = await resident.ok('deliberation', 'disclosure.list', {});
    expect(board.items).toHaveLength(4);
    const running = await resident.ok('deliberation', 'procedure.get', { procedureId: 'procedure-demo-playground' });
    expect(running.nextStep).toBe('party_review');
    expect(await t.as('demo-sage').ok('deliberation', 'opinion.stats', {})).toMatchObject({ open: 1, answered: 1 });
    expect(await resident.ok('deliberation', 'figures', {})).toEqual({
      communityId: DEMO.communityA,
      meetingsHeld: 1,
      attendees: 46,
      outcomes: { publicService: 1, supervision: 1, infrastructure: 1 },
      topicsOpen: 1,
      opinions: { open: 1, answered: 1 },
    });
  });

  it('a draft is invisible to residents; publishing makes it a notice, unread until opened', async () => {
    const staff = t.as('demo-staff');
    const resident = t.as('demo-resident');
    const draft = await staff.ok('deliberation', 'meeting.create', {
      format: '议事会',
      title: '春节环境整治议事',
      startsAt: '2026-01-08T19:00:00+08:00',
      endsAt: '2026-01-08T21:00:00+08:00',
      place: '社区议事厅',
      agenda: ['卫生死角清理'],
    });
    const hidden = await resident.call('deliberation', 'meeting.get', { meetingId: draft.id });
    expect(hidden.ok === false && hidden.error.code).toBe('NOT_FOUND');
    const before = await resident.ok('deliberation', 'notices.list', {});
    expect(before.items.some((m) => m.id === draft.id)).toBe(false);

    t.clock.advance(60_000);
    const published = await staff.ok('deliberation', 'meeting.publish', { meetingId: draft.id });
    expect(published.checkInCode).toMatch(/^\d{6}$/);
    const again = await staff.call('deliberation', 'meeting.publish', { meetingId: draft.id });
    expect(again.ok === false && again.error.code).toBe('CONFLICT');

    const list = await resident.ok('deliberation', 'notices.list', {});
    expect(list.items[0]).toMatchObject({ id: draft.id, unread: true, status: 'published' });
    expect(list.unreadCount).toBe(before.unreadCount + 1);

    const detail = await resident.ok('deliberation', 'meeting.get', { meetingId: draft.id });
    expect(detail.checkInCode).toBeNull();
    expect(detail.agenda).toEqual([{ id: 'a1', title: '卫生死角清理' }]);
    const after = await resident.ok('deliberation', 'notices.list', {});
    expect(after.items[0]?.unread).toBe(false);
    expect(after.unreadCount).toBe(before.unreadCount);
    // Read marks are per person.
    const other = await t.as('demo-volunteer').ok('deliberation', 'notices.list', {});
    expect(other.items[0]).toMatchObject({ id: draft.id, unread: true });
  });

  it('notices come newest first and page with hasMore', async () => {
    const staff = t.as('demo-staff');
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const m = await staff.ok('deliberation', 'meeting.create', {
        format: '楼宇会',
        title: `楼宇会第${i}次`,
        startsAt: '2026-02-01T19:00:00+08:00',
        endsAt: '2026-02-01T20:00:00+08:00',
        place: '楼宇党群服务站',
        agenda: ['楼道堆物'],
      });
      t.clock.advance(1000);
      await staff.ok('deliberation', 'meeting.publish', { meetingId: m.id });
      ids.push(m.id);
    }
    const first = await t.as('demo-resident').ok('deliberation', 'notices.list', { limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    expect(first.hasMore).toBe(true);
    const second = await t.as('demo-resident').ok('deliberation', 'notices.list', { skip: 2, limit: 2 });
    expect(second.items[0]?.id).toBe(ids[0]);
  });

  it('registration never exceeds its limit, even when many register at once', async () => {
    const meeting = await publishedMeeting({ registrationLimit: 3 });
    const sessions = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => newResident(`wx-neighbour-${i}`)));
    const results = await Promise.all(
      sessions.map((s) => s.call('deliberation', 'meeting.register', { meetingId: meeting.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r.ok === false && r.error).toEqual({ code: 'CONFLICT', message: '报名人数已满' });
    }
    const stored = await t.as('demo-staff').ok('deliberation', 'meeting.attendance', { meetingId: meeting.id });
    expect(stored.registeredCount).toBe(3);
    expect(stored.items).toHaveLength(3);
    // Registering again is answered with the same registration, not a second seat.
    const winner = sessions[results.findIndex((r) => r.ok)];
    await winner?.ok('deliberation', 'meeting.register', { meetingId: meeting.id });
    const still = await t.as('demo-staff').ok('deliberation', 'meeting.get', { meetingId: meeting.id });
    expect(still.registeredCount).toBe(3);
  });

  it('check-in takes the code within the window, once; the code dies when the meeting ends', async () => {
    const meeting = await publishedMeeting({ registrationLimit: 50 });
    const code = meeting.checkInCode as string;
    const resident = t.as('demo-resident');
    await resident.ok('deliberation', 'meeting.register', { meetingId: meeting.id });

    const early = await resident.call('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code });
    expect(early.ok === false && early.error.code).toBe('CONFLICT');
    t.clock.advance(1.5 * HOUR); // 10:30, half an hour before the start
    const wrong = await resident.call('deliberation', 'meeting.checkIn', {
      meetingId: meeting.id,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.ok === false && wrong.error).toEqual({ code: 'INVALID_INPUT', message: '签到码不正确' });
    const first = await resident.ok('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code });
    const second = await resident.ok('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code });
    expect(second.checkedInAt).toBe(first.checkedInAt);

    // With a registration limit, people who did not register cannot walk in.
    const walkIn = await t
      .as('demo-volunteer')
      .call('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code });
    expect(walkIn.ok === false && walkIn.error.code).toBe('CONFLICT');

    t.clock.advance(2 * HOUR); // 12:30: the meeting has ended
    const late = await t.as('demo-gridworker').call('deliberation', 'meeting.register', { meetingId: meeting.id });
    expect(late.ok === false && late.error.code).toBe('CONFLICT');
    const view = await t.as('demo-staff').ok('deliberation', 'meeting.get', { meetingId: meeting.id });
    expect(view.checkedInCount).toBe(1);
    expect(view.myRegistration).toBeNull();
    const mine = await resident.ok('deliberation', 'meeting.get', { meetingId: meeting.id });
    expect(mine.myRegistration?.checkedInAt).toBe(first.checkedInAt);
  });

  it('five wrong codes lock a person out of guessing, even the right code afterwards', async () => {
    const meeting = await publishedMeeting();
    const code = meeting.checkInCode as string;
    const wrong = code === '000000' ? '111111' : '000000';
    t.clock.advance(2 * HOUR);
    const resident = t.as('demo-resident');
    for (let i = 0; i < 5; i++) {
      const r = await resident.call('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code: wrong });
      expect(r.ok === false && r.error.code).toBe('INVALID_INPUT');
    }
    const locked = await resident.call('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code });
    expect(locked.ok === false && locked.error.code).toBe('RATE_LIMITED');
    // Others are not affected.
    await t.as('demo-volunteer').ok('deliberation', 'meeting.checkIn', { meetingId: meeting.id, code });
  });

  it('without a limit, a walk-in checks in and is registered on the spot', async () => {
    const meeting = await publishedMeeting();
    t.clock.advance(2 * HOUR);
    await t.as('demo-volunteer').ok('deliberation', 'meeting.checkIn', {
      meetingId: meeting.id,
      code: meeting.checkInCode as string,
    });
    const view = await t.as('demo-staff').ok('deliberation', 'meeting.get', { meetingId: meeting.id });
    expect(view).toMatchObject({ registeredCount: 1, checkedInCount: 1 });
  });

  it('minutes record attendance and per-agenda outcomes once, and settle the linked topics', async () => {
    const resident = t.as('demo-resident');
    const topic = await resident.ok('deliberation', 'topic.propose', {
      title: '加装电梯费用怎么分摊',
      body: '希望按楼层高低分摊加装电梯的费用，一楼住户不出钱。',
    });
    const before = await resident.ok('deliberation', 'figures', {});
    const meeting = await publishedMeeting();
    const tooEarly = await t.as('demo-staff').call('deliberation', 'meeting.recordMinutes', {
      meetingId: meeting.id,
      attendeeCount: 20,
      outcomes: [{ agendaItemId: 'a1', category: '基础设施建设', decision: '按楼层分摊' }],
    });
    expect(tooEarly.ok === false && tooEarly.error.code).toBe('CONFLICT');
    t.clock.advance(2.5 * HOUR);
    const badAgenda = await t.as('demo-staff').call('deliberation', 'meeting.recordMinutes', {
      meetingId: meeting.id,
      attendeeCount: 20,
      outcomes: [{ agendaItemId: 'a9', category: '基础设施建设', decision: '按楼层分摊' }],
    });
    expect(badAgenda.ok === false && badAgenda.error.code).toBe('INVALID_INPUT');

    const held = await t.as('demo-staff').ok('deliberation', 'meeting.recordMinutes', {
      meetingId: meeting.id,
      attendeeCount: 23,
      summary: '到会居民 23 人，逐项讨论并举手表决。',
      outcomes: [
        {
          agendaItemId: 'a1',
          category: '基础设施建设',
          decision: '按楼层系数分摊，一楼不出资',
          linkedTopicIds: [topic.id],
          linkedReportIds: ['report-demo-1'],
        },
        { agendaItemId: 'a2', category: '公共服务', decision: '施工期间由志愿者协助老人上下楼' },
      ],
    });
    expect(held.status).toBe('held');
    const twice = await t.as('demo-staff').call('deliberation', 'meeting.recordMinutes', {
      meetingId: meeting.id,
      attendeeCount: 1,
      outcomes: [{ agendaItemId: 'a1', category: '公共服务', decision: '改写纪要' }],
    });
    expect(twice.ok === false && twice.error.code).toBe('CONFLICT');

    const seen = await resident.ok('deliberation', 'meeting.get', { meetingId: meeting.id });
    expect(seen.status).toBe('held');
    expect(seen.minutes?.attendeeCount).toBe(23);
    expect(seen.minutes?.outcomes.map((o) => [o.category, o.decision])).toEqual([
      ['基础设施建设', '按楼层系数分摊，一楼不出资'],
      ['公共服务', '施工期间由志愿者协助老人上下楼'],
    ]);
    expect(seen.minutes?.outcomes[0]?.linkedReportIds).toEqual(['report-demo-1']);
    const mine = await resident.ok('deliberation', 'topic.list', { scope: 'mine' });
    expect(mine.items.find((x) => x.id === topic.id)?.settledIn).toEqual({
      meetingId: meeting.id,
      meetingTitle: '三号楼加装电梯议事',
      decision: '按楼层系数分摊，一楼不出资',
    });
    const audit = await t.runtime.store.count('audit', { action: 'deliberation.meeting.recordMinutes' });
    expect(audit).toBe(1);
    const after = await resident.ok('deliberation', 'figures', {});
    expect(after.meetingsHeld).toBe(before.meetingsHeld + 1);
    expect(after.attendees).toBe(before.attendees + 23);
    expect(after.outcomes).toEqual({
      publicService: before.outcomes.publicService + 1,
      supervision: before.outcomes.supervision,
      infrastructure: before.outcomes.infrastructure + 1,
    });
  });

  it('cancelling tells the registered residents, and a cancelled meeting takes no registrations', async () => {
    const meeting = await publishedMeeting();
    await t.as('demo-resident').ok('deliberation', 'meeting.register', { meetingId: meeting.id });
    await t
      .as('demo-staff')
      .ok('deliberation', 'meeting.cancel', { meetingId: meeting.id, reason: '暴雨预警，改期举行' });
    const messages = await t.runtime.store.find<{ _id: string; title: string; body: string }>('messages', {
      userId: 'user-resident',
      kind: 'general',
    });
    expect(messages.map((m) => m.title)).toContain('会议已取消');
    const refused = await t.as('demo-volunteer').call('deliberation', 'meeting.register', { meetingId: meeting.id });
    expect(refused.ok === false && refused.error.code).toBe('CONFLICT');
  });

  it('topics: support once per person, never one’s own; the answer and its reason reach the author', async () => {
    const author = t.as('demo-resident');
    const topic = await author.ok('deliberation', 'topic.propose', {
      title: '小区增设充电桩',
      body: '电动车在楼道充电有火灾隐患，建议在车棚增设集中充电桩。',
    });
    const own = await author.call('deliberation', 'topic.support', { topicId: topic.id });
    expect(own.ok === false && own.error.code).toBe('CONFLICT');
    const supported = await t.as('demo-volunteer').ok('deliberation', 'topic.support', { topicId: topic.id });
    expect(supported.supportCount).toBe(1);
    const twice = await t.as('demo-volunteer').call('deliberation', 'topic.support', { topicId: topic.id });
    expect(twice.ok === false && twice.error.code).toBe('CONFLICT');
    const parallel = await Promise.all(
      [1, 2].map(() => t.as('demo-gridworker').call('deliberation', 'topic.support', { topicId: topic.id })),
    );
    expect(parallel.filter((r) => r.ok)).toHaveLength(1);
    const listed = await t.as('demo-volunteer').ok('deliberation', 'topic.list', {});
    expect(listed.items.find((x) => x.id === topic.id)).toMatchObject({ supportCount: 2, supportedByMe: true });

    const byResident = await author.call('deliberation', 'topic.answer', {
      topicId: topic.id,
      status: 'accepted',
      reason: '自己答复自己',
    });
    expect(byResident.ok === false && byResident.error.code).toBe('FORBIDDEN');

    await t.as('demo-staff').ok('deliberation', 'topic.answer', {
      topicId: topic.id,
      status: 'under_study',
      reason: '正在与物业核算用电容量',
    });
    t.clock.advance(HOUR);
    await t.as('demo-staff').ok('deliberation', 'topic.answer', {
      topicId: topic.id,
      status: 'accepted',
      reason: '已列入下季度民生实事，在车棚安装 20 个充电口',
    });
    const final = await t.as('demo-staff').call('deliberation', 'topic.answer', {
      topicId: topic.id,
      status: 'rejected',
      reason: '改变主意',
    });
    expect(final.ok === false && final.error.code).toBe('CONFLICT');

    const mine = await author.ok('deliberation', 'topic.list', { scope: 'mine' });
    expect(mine.items.find((x) => x.id === topic.id)).toMatchObject({
      status: 'accepted',
      answer: { status: 'accepted', reason: '已列入下季度民生实事，在车棚安装 20 个充电口' },
    });
    const messages = await t.runtime.store.find<{ kind: string; title: string; body: string; _id: string }>(
      'messages',
      { userId: 'user-resident', kind: 'topic.answered' },
      { orderBy: [['createdAt', 'asc']] },
    );
    expect(messages.map((m) => m.title)).toEqual(['您的议题研究中', '您的议题已采纳']);
    expect(messages[1]?.body).toContain('已列入下季度民生实事');
    const outbox = await t.runtime.store.find<{ _id: string; messageId: string; status: string }>('outbox', {
      userId: 'user-resident',
      kind: 'topic.answered',
    });
    expect(outbox.map((o) => o.messageId).sort()).toEqual(messages.map((m) => m._id).sort());
    expect(outbox.every((o) => o.status === 'pending')).toBe(true);
  });

  it('a person can keep at most five topics waiting for an answer', async () => {
    const s = await newResident('wx-busy');
    for (let i = 1; i <= 5; i++) {
      await s.ok('deliberation', 'topic.propose', { title: `议题第${i}个`, body: '这是一个需要社区讨论的议题内容。' });
    }
    const sixth = await s.call('deliberation', 'topic.propose', {
      title: '第六个议题',
      body: '这是一个需要社区讨论的议题内容。',
    });
    expect(sixth.ok === false && sixth.error.code).toBe('RATE_LIMITED');
  });

  it('lists and counts never scan a whole collection', async () => {
    const meeting = await publishedMeeting();
    const store = t.runtime.store as unknown as { resetStats(): void; stats(): { fullScans: Record<string, number> } };
    store.resetStats();
    const resident = t.as('demo-resident');
    await resident.ok('deliberation', 'notices.list', {});
    await resident.ok('deliberation', 'meeting.get', { meetingId: meeting.id });
    await resident.ok('deliberation', 'topic.list', {});
    await resident.ok('deliberation', 'topic.list', { scope: 'mine' });
    await resident.ok('deliberation', 'procedure.list', {});
    await resident.ok('deliberation', 'disclosure.list', { category: 'finance' });
    await t.as('demo-staff').ok('deliberation', 'meeting.list', {});
    await t.as('demo-staff').ok('deliberation', 'meeting.attendance', { meetingId: meeting.id });
    await t.as('demo-sage').ok('deliberation', 'opinion.list', {});
    await t.as('demo-sage').ok('deliberation', 'opinion.stats', {});
    await resident.ok('deliberation', 'figures', {});
    const scans = store.stats().fullScans;
    const mine = [
      'meetings',
      'meetingRegistrations',
      'noticeReads',
      'topics',
      'topicSupports',
      'procedures',
      'disclosures',
      'opinions',
    ];
    expect(Object.fromEntries(Object.entries(scans).filter(([c]) => mine.includes(c)))).toEqual({});
  });
});
