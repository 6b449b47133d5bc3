import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const DAY = 24 * 3600 * 1000;

describe('公开栏 and 乡贤 oversight through the deliberation function', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
    // A supervisor who holds nothing but the sage role (the demo sage is also a resident).
    const now = t.clock.now().toISOString();
    await t.runtime.store.insert('users', {
      _id: 'user-pure-sage',
      nickname: '赵乡贤',
      communityId: DEMO.communityA,
      grants: [{ role: 'sage', communityId: DEMO.communityA }],
      privacy: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
      createdAt: now,
      updatedAt: now,
    });
    await t.runtime.store.insert('identities', { _id: 'pure-sage', userId: 'user-pure-sage' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function draftMeeting() {
    return t.as('demo-staff').ok('deliberation', 'meeting.create', {
      format: '火塘会',
      title: '茶园用工议事',
      startsAt: '2026-01-06T19:00:00+08:00',
      endsAt: '2026-01-06T21:00:00+08:00',
      place: '老支书家火塘',
      agenda: ['采茶季用工工价'],
    });
  }

  it('disclosures show only within their publish period; staff and sages see the whole record', async () => {
    const staff = t.as('demo-staff');
    const pdf = await t.runtime.files.save({
      bytes: new TextEncoder().encode('%PDF-1.4 demo'),
      contentType: 'application/pdf',
      ownerId: 'demo-staff',
    });
    const current = await staff.ok('deliberation', 'disclosure.publish', {
      category: 'finance',
      title: '2025 年第四季度村级财务收支公开',
      body: '本季度收入 12.6 万元，支出 9.8 万元，明细见附件。',
      attachments: [{ fileId: pdf, name: '收支明细.pdf', kind: 'pdf' }],
      visibleUntil: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    });
    const scheduled = await staff.ok('deliberation', 'disclosure.publish', {
      category: 'finance',
      title: '2026 年预算草案公示',
      body: '预算草案自下周起公示，欢迎提出意见。',
      visibleFrom: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
    });
    const missing = await staff.call('deliberation', 'disclosure.publish', {
      category: 'party',
      title: '党费收缴情况公开',
      body: '附件未上传成功的公开',
      attachments: [{ fileId: 'local://ffffffffffffffffffffffff.pdf', name: '党费.pdf', kind: 'pdf' }],
    });
    expect(missing.ok === false && missing.error.code).toBe('INVALID_INPUT');

    const resident = t.as('demo-resident');
    const now = await resident.ok('deliberation', 'disclosure.list', { category: 'finance' });
    expect(now.items.map((d) => d.id)).toContain(current.id);
    expect(now.items.map((d) => d.id)).not.toContain(scheduled.id);
    const detail = await resident.ok('deliberation', 'disclosure.get', { disclosureId: current.id });
    expect(detail.attachments[0]?.url).toMatch(/^\/files\/[a-f0-9]{24}\.pdf\?e=\d+&s=[\w-]{43}$/);
    const early = await resident.call('deliberation', 'disclosure.get', { disclosureId: scheduled.id });
    expect(early.ok === false && early.error.code).toBe('NOT_FOUND');
    const denied = await resident.call('deliberation', 'disclosure.list', { scope: 'all' });
    expect(denied.ok === false && denied.error.code).toBe('FORBIDDEN');

    t.clock.advance(8 * DAY);
    const week = await resident.ok('deliberation', 'disclosure.list', { category: 'finance' });
    expect(week.items.map((d) => d.id)).toEqual(expect.arrayContaining([current.id, scheduled.id]));
    t.clock.advance(3 * DAY);
    const later = await resident.ok('deliberation', 'disclosure.list', { category: 'finance' });
    expect(later.items.map((d) => d.id)).not.toContain(current.id);
    const record = await t.as('pure-sage').ok('deliberation', 'disclosure.list', { scope: 'all', category: 'finance' });
    expect(record.items.find((d) => d.id === current.id)?.visible).toBe(false);
  });

  it('a sage reads everything of the community, drafts included, and files opinions staff must answer', async () => {
    const draft = await draftMeeting();
    const sage = t.as('pure-sage');
    const meetings = await sage.ok('deliberation', 'meeting.list', {});
    expect(meetings.items.map((m) => m.id)).toContain(draft.id);
    const detail = await sage.ok('deliberation', 'meeting.get', { meetingId: draft.id });
    expect(detail.checkInCode).toBeNull();
    expect(detail.canManage).toBe(false);

    const base = await sage.ok('deliberation', 'opinion.stats', {});
    const opinion = await sage.ok('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: draft.id,
      body: '工价议题涉及外来务工人员，建议邀请他们列席。',
    });
    expect(opinion).toMatchObject({ status: 'open', targetTitle: '茶园用工议事', authorName: '赵乡贤' });
    expect(await sage.ok('deliberation', 'opinion.stats', {})).toEqual({
      communityId: DEMO.communityA,
      open: base.open + 1,
      answered: base.answered,
    });

    const answered = await t.as('demo-staff').ok('deliberation', 'opinion.answer', {
      opinionId: opinion.id,
      answer: '已邀请 3 名务工人员代表列席。',
    });
    expect(answered.answer).toMatchObject({ body: '已邀请 3 名务工人员代表列席。', answeredByName: '陈书记' });
    const again = await t.as('demo-staff').call('deliberation', 'opinion.answer', {
      opinionId: opinion.id,
      answer: '再答复一次',
    });
    expect(again.ok === false && again.error.code).toBe('CONFLICT');
    expect(await t.as('demo-staff').ok('deliberation', 'opinion.stats', {})).toEqual({
      communityId: DEMO.communityA,
      open: base.open,
      answered: base.answered + 1,
    });
    const told = await t.runtime.store.count('messages', { userId: 'user-pure-sage', kind: 'opinion.answered' });
    expect(told).toBe(1);
    const onTarget = await sage.ok('deliberation', 'opinion.list', { targetId: draft.id });
    expect(onTarget.items.map((o) => o.id)).toEqual([opinion.id]);
  });

  it('a sage can write nothing but opinions', async () => {
    const draft = await draftMeeting();
    const published = await t.as('demo-staff').ok('deliberation', 'meeting.publish', { meetingId: draft.id });
    const topic = await t.as('demo-resident').ok('deliberation', 'topic.propose', {
      title: '茶园道路硬化',
      body: '茶园机耕道雨天泥泞，建议硬化。',
    });
    const procedure = await t.as('demo-staff').ok('deliberation', 'procedure.start', {
      title: '茶园道路硬化工程',
      summary: '硬化茶园机耕道 1.2 公里，使用一事一议财政奖补资金。',
      heldOn: '2026-01-04',
      note: '党支部提议',
    });
    const opinion = await t.as('pure-sage').ok('deliberation', 'opinion.file', {
      targetKind: 'procedure',
      targetId: procedure.id,
      body: '请公开工程预算明细。',
    });
    const writes: Array<[string, Record<string, unknown>]> = [
      [
        'meeting.create',
        {
          format: '议事会',
          title: '乡贤发起的会议',
          startsAt: '2026-01-09T09:00:00+08:00',
          endsAt: '2026-01-09T10:00:00+08:00',
          place: '议事厅',
          agenda: ['议程'],
        },
      ],
      ['meeting.publish', { meetingId: draft.id }],
      ['meeting.cancel', { meetingId: published.id, reason: '乡贤想取消' }],
      [
        'meeting.recordMinutes',
        {
          meetingId: published.id,
          attendeeCount: 1,
          outcomes: [{ agendaItemId: 'a1', category: '公共服务', decision: '乡贤记录' }],
        },
      ],
      ['meeting.attendance', { meetingId: published.id }],
      ['meeting.register', { meetingId: published.id }],
      ['meeting.checkIn', { meetingId: published.id, code: '123456' }],
      ['topic.propose', { title: '乡贤的议题', body: '乡贤不应能够提出议题的内容' }],
      ['topic.support', { topicId: topic.id }],
      ['topic.answer', { topicId: topic.id, status: 'accepted', reason: '乡贤答复' }],
      [
        'procedure.start',
        { title: '乡贤启动的事项', summary: '乡贤不应能够启动四议两公开', heldOn: '2026-01-04', note: '提议' },
      ],
      ['procedure.record', { procedureId: procedure.id, kind: 'committees', heldOn: '2026-01-05', note: '乡贤记录' }],
      ['disclosure.publish', { category: 'village', title: '乡贤的公开', body: '乡贤不应能够发布公开' }],
      ['opinion.answer', { opinionId: opinion.id, answer: '乡贤自己答复' }],
    ];
    for (const [action, payload] of writes) {
      const result = await t.as('pure-sage').call('deliberation', action as 'meeting.create', payload);
      expect([action, result.ok === false && result.error.code]).toEqual([action, 'FORBIDDEN']);
    }
    // The demo sage is also a resident, and may take part as one; as a sage, still no staff writes.
    for (const [action, payload] of writes.filter(
      ([a]) => !['meeting.register', 'meeting.checkIn', 'topic.propose', 'topic.support'].includes(a),
    )) {
      const result = await t.as('demo-sage').call('deliberation', action as 'meeting.create', payload);
      expect([action, result.ok === false && result.error.code]).toEqual([action, 'FORBIDDEN']);
    }
    const unchanged = await t.as('demo-staff').ok('deliberation', 'procedure.get', { procedureId: procedure.id });
    expect(unchanged.steps).toHaveLength(1);
  });

  it('supervisors only oversee their own community; residents cannot file opinions', async () => {
    const draft = await draftMeeting();
    const resident = await t.as('demo-resident').call('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: draft.id,
      body: '居民不能提监督意见',
    });
    expect(resident.ok === false && resident.error.code).toBe('FORBIDDEN');
    const now = t.clock.now().toISOString();
    await t.runtime.store.insert('users', {
      _id: 'user-sage-b',
      nickname: '翠峰乡贤',
      communityId: DEMO.communityB,
      grants: [{ role: 'sage', communityId: DEMO.communityB }],
      privacy: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
      createdAt: now,
      updatedAt: now,
    });
    await t.runtime.store.insert('identities', { _id: 'sage-b', userId: 'user-sage-b' });
    const foreign = await t.as('sage-b').call('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: draft.id,
      body: '别的社区的乡贤',
    });
    expect(foreign.ok === false && foreign.error.code).toBe('FORBIDDEN');
    const peek = await t.as('sage-b').call('deliberation', 'meeting.get', { meetingId: draft.id });
    expect(peek.ok === false && peek.error.code).toBe('FORBIDDEN');
    const list = await t.as('sage-b').call('deliberation', 'opinion.list', { communityId: DEMO.communityA });
    expect(list.ok === false && list.error.code).toBe('FORBIDDEN');
  });
});
