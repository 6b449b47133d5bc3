import { afterAll, describe, expect, it } from 'vitest';
import { systemOnly } from '../../cloudfunctions/_core/domain/policy';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { DEMO } from '../../local/seed';
import { reportInput } from '../functions/reports.support';
import { codeOf, key, newResident } from '../greencoin/support';
import { flatten, personaFor } from '../support/catalogue';
import { startTestRuntime } from '../support/runtime';
import { generate, propertiesOf, seededRng } from '../support/schema-fuzz';

// The rest of the second outside pass through the real handlers: what held. A volunteer who
// organises an activity cannot confirm the hours of an account they act for (代办), nor their own;
// an erased staff member's session decides nothing; parallel sign-ups never pass the slots; a
// topic is supported and a report followed once per person however many requests arrive at once;
// a resumable cursor that was never answered is refused in Chinese.

const MIN = 60_000;
const SELF = '不能确认自己（或自己代办的账号）的志愿时长，请由其他社区工作者确认';

describe('redteam: second pass, in-process', async () => {
  const t = await startTestRuntime();
  afterAll(() => t.close());

  async function volunteer(openid: string) {
    const v = await newResident(t, openid);
    await v.session.ok('timebank', 'volunteer.register', {
      realName: `志愿者${openid.slice(-2)}`,
      skills: [],
      availability: '周末',
      consent: true,
    });
    return v;
  }

  it('an organising volunteer cannot confirm hours for the account they act for, nor their own', async () => {
    const organiser = await volunteer('tb-organiser');
    await t.as('demo-staff').ok('timebank', 'volunteer.verify', { userId: organiser.userId });
    const now = t.clock.now().getTime();
    const activity = await organiser.session.ok('timebank', 'activity.create', {
      title: '陪老人散步',
      description: '',
      place: '潇湘社区花园',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 90 * MIN).toISOString(),
      slots: 5,
      skills: [],
    });
    const elder = await volunteer('tb-elder');
    await elder.session.ok('identity', 'proxy.grant', { agentUserId: organiser.userId, scopes: ['reports'] });
    await elder.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    await organiser.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    const stranger = await volunteer('tb-stranger');
    await stranger.session.ok('timebank', 'activity.signUp', { activityId: activity.id });
    t.clock.advance(120 * MIN);
    const line = { activityId: activity.id, minutes: 60, reason: '现场核实全程参加' };
    for (const userId of [elder.userId, organiser.userId]) {
      const single = await organiser.session.call('timebank', 'attendance.confirm', { ...line, userId });
      expect(codeOf(single), userId).toBe('FORBIDDEN');
      expect(single.ok ? '' : single.error.message).toBe(SELF);
      const batch = await organiser.session.ok('timebank', 'attendance.confirmBatch', {
        activityId: activity.id,
        items: [{ userId, minutes: 60, reason: '现场核实全程参加' }],
      });
      expect(batch.items[0]?.code).toBe('FORBIDDEN');
      const corrected = await organiser.session.call('timebank', 'attendance.correct', {
        ...line,
        userId,
        idempotencyKey: key('tb'),
      });
      expect(codeOf(corrected)).toBe('FORBIDDEN');
    }
    // The refusal is the link's: for a volunteer they are not linked to, the organiser meets the
    // organiser's own rule instead (measured minutes only).
    const unlinked = await organiser.session.call('timebank', 'attendance.confirm', {
      ...line,
      userId: stranger.userId,
    });
    expect(unlinked.ok ? '' : unlinked.error.message).toContain('组织者只能按签到签退记录确认时长');
    // Staff of the community, linked to neither, confirm them.
    const staff = await t.as('demo-staff').ok('timebank', 'attendance.confirm', { ...line, userId: elder.userId });
    expect(staff.confirmedMinutes).toBe(60);
  });

  it('an erased staff member’s session decides nothing, even after accepting the notice again', async () => {
    const s = await newResident(t, 'staff-erased');
    await t
      .as('demo-admin')
      .ok('admin', 'role.grant', { userId: s.userId, role: 'staff', communityId: DEMO.communityA });
    expect((await s.session.ok('greencoin', 'redeem.queue', {})).items).toBeDefined();
    await s.session.ok('identity', 'deleteMyAccount', { confirm: '注销' });
    expect(codeOf(await s.session.call('greencoin', 'redeem.queue', {}))).toBe('FORBIDDEN');
    await s.session.ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    const me = await s.session.ok('identity', 'me', {});
    expect(me.userId).not.toBe(s.userId);
    expect(me.roles).toEqual([]);
    const refusals = await Promise.all([
      s.session.call('greencoin', 'redeem.queue', {}),
      s.session.call('greencoin', 'award', {
        userId: 'user-resident',
        lineId: 'pub-1',
        note: '测试',
        idempotencyKey: key(),
      }),
      s.session.call('reports', 'queue', {}),
      s.session.call('admin', 'people', {}),
    ]);
    expect(refusals.map(codeOf)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('six parallel sign-ups for two places: two signed, four on the waiting list', async () => {
    const now = t.clock.now().getTime();
    const activity = await t.as('demo-staff').ok('timebank', 'activity.create', {
      title: '楼道清洁日',
      description: '',
      place: '5 栋',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 90 * MIN).toISOString(),
      slots: 2,
      skills: [],
    });
    const people = [];
    for (let i = 0; i < 6; i += 1) people.push(await volunteer(`tb-slot-${i}`));
    const results = await Promise.all(
      people.map((p) => p.session.ok('timebank', 'activity.signUp', { activityId: activity.id })),
    );
    const statuses = results.map((r) => r.signup?.status);
    expect(statuses.filter((s) => s === 'signed')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'waiting')).toHaveLength(4);
  });

  it('eight parallel supports of a topic count one; eight parallel 我也遇到 follow a report once', async () => {
    const topic = await t.as('demo-resident').ok('deliberation', 'topic.propose', {
      title: '小区停车位重新划线',
      body: '晚上停车很难，希望重新规划停车位，增加夜间停车位。',
    } as never);
    const other = t.as('demo-volunteer');
    const supports = await Promise.all(
      Array.from({ length: 8 }, () => other.call('deliberation', 'topic.support', { topicId: topic.id })),
    );
    expect(supports.filter((r) => r.ok)).toHaveLength(1);
    expect((await t.runtime.store.get<{ _id: string; supportCount: number }>('topics', topic.id))?.supportCount).toBe(
      1,
    );
    const input = await reportInput(t);
    const { id } = (await t.as('demo-resident').ok('reports', 'submit', {
      ...input,
      idempotencyKey: key(),
    } as never)) as { id: string };
    await Promise.all(Array.from({ length: 8 }, () => other.call('reports', 'meToo', { reportId: id })));
    expect((await t.runtime.store.get<{ _id: string; meTooCount: number }>('reports', id))?.meTooCount).toBe(1);
  });

  it('a figures.rebuild cursor that was never answered is refused in Chinese', async () => {
    for (const cursor of ['{"__proto__":1}', 'a'.repeat(200), '[]', 'null', '{"phase":"x"}', 'eyJhIjoxfQ==']) {
      const answer = await t.as('demo-admin').call('admin', 'figures.rebuild', { cursor });
      expect(codeOf(answer), cursor.slice(0, 20)).toBe('INVALID_INPUT');
      expect(answer.ok ? '' : answer.error.message).toBe('游标无效，请不带游标重新开始');
    }
  });

  it('pagination at its bounds on every paged action: never a crash, never more than the limit', async () => {
    const paged = flatten(t.runtime.catalogue).filter((e) => {
      const props = propertiesOf(e.inputSchema as Record<string, unknown>).map(([name]) => name);
      return !systemOnly(e.access) && props.includes('skip') && props.includes('limit');
    });
    expect(paged.length).toBeGreaterThan(10);
    for (const entry of paged) {
      const base = generate(entry.inputSchema as Record<string, unknown>, seededRng(11)) as Record<string, unknown>;
      for (const page of [
        { skip: 10_000, limit: 50 },
        { skip: 0, limit: 1 },
      ]) {
        const answer = await t.runtime.invoke(
          entry.fn,
          { action: entry.action, payload: { ...base, ...page } },
          personaFor(entry),
        );
        const where = `${entry.fn}.${entry.action} ${JSON.stringify(page)}`;
        expect(codeOf(answer), where).not.toBe('INTERNAL');
        const items = answer.ok ? (answer.data as { items?: unknown[] }).items : undefined;
        if (items) expect(items.length, where).toBeLessThanOrEqual(page.limit);
      }
      for (const page of [{ skip: -1 }, { limit: 0 }, { limit: 1001 }, { skip: 10_001 }, { limit: 2.5 }]) {
        const answer = await t.runtime.invoke(
          entry.fn,
          { action: entry.action, payload: { ...base, ...page } },
          personaFor(entry),
        );
        expect(codeOf(answer), `${entry.fn}.${entry.action} ${JSON.stringify(page)}`).toBe('INVALID_INPUT');
      }
    }
  });

  it('prototype keys inside nested objects and list items are unsupported fields, named plainly, nothing polluted', async () => {
    const input = (await reportInput(t)) as Record<string, unknown>;
    const location = JSON.parse(
      '{"address":"潇湘社区 3 号楼东门","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
    );
    const report = await t
      .as('demo-resident')
      .call('reports', 'submit', { ...input, location, idempotencyKey: key() } as never);
    expect(report.ok ? '' : report.error.message).toBe('提交的内容有误：位置包含不支持的字段：__proto__、constructor');
    const material = JSON.parse('{"name":"居民身份证","fileIds":["x"],"toString":{"__proto__":{"isAdmin":true}}}');
    const apply = await t.as('demo-resident').call('services', 'apply', {
      itemId: 'svc-residence-xiaoxiang',
      materials: [material],
      note: '',
      key: key('svc'),
    } as never);
    expect(apply.ok ? '' : apply.error.message).toBe('提交的内容有误：材料第 1 项包含不支持的字段：toString');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
