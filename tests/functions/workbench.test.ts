import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { codeOf, fund, key, newGoods } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, reportInput } from './reports.support';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('admin.workbench: what waits for staff and grid workers', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  const bench = async (openid: string) => {
    const w = await t.as(openid).ok('admin', 'workbench', {});
    const byKind = Object.fromEntries(w.kinds.map((k) => [k.kind, k]));
    return { w, byKind };
  };

  it('counts each kind for the caller’s community, oldest first, and clearing an item takes it off', async () => {
    const before = await bench('demo-staff');
    // Two reports an hour apart: the older one is first.
    const older = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    t.clock.advance(HOUR);
    const newer = await t
      .as('demo-resident')
      .ok('reports', 'submit', await reportInput(t, { description: '5 号楼路灯不亮已经一周了' }));
    // A redemption to approve.
    const goods = await newGoods(t, { name: '环保袋', price: 10, stock: 5 });
    await fund(t, 'user-resident', 3);
    await t.as('demo-resident').ok('greencoin', 'redeem.request', {
      goodsId: goods,
      quantity: 1,
      idempotencyKey: key(),
    });
    // An activity that has ended with one unconfirmed volunteer.
    const now = t.clock.now().getTime();
    const activity = await t.as('demo-staff').ok('timebank', 'activity.create', {
      title: '楼道清洁日',
      place: '小巷社区 5 栋',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 90 * MIN).toISOString(),
      slots: 3,
    });
    await t.as('demo-volunteer').ok('timebank', 'activity.signUp', { activityId: activity.id });
    // A topic and a supervision opinion.
    const topic = await t.as('demo-resident').ok('deliberation', 'topic.propose', {
      title: '小区增设电动车充电桩',
      body: '楼道里给电动车充电太危险，希望在车棚装充电桩。',
    });
    const meetings = await t.as('demo-sage').ok('deliberation', 'meeting.list', {});
    const meeting = meetings.items[0];
    if (!meeting) throw new Error('no seeded meeting');
    const opinion = await t.as('demo-sage').ok('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: meeting.id,
      body: '会议纪要没有写明表决票数，请补充公开。',
    });
    t.clock.advance(2 * HOUR);

    const store = t.runtime.store as unknown as { resetStats(): void; stats(): { fullScans: Record<string, number> } };
    store.resetStats();
    const { w, byKind } = await bench('demo-staff');
    // Every query is served by a declared index: the first screen never scans a collection.
    expect(store.stats().fullScans).toEqual({});
    expect(w.kinds.map((k) => k.kind)).toEqual(['reports', 'overdue', 'redemptions', 'opinions', 'topics', 'hours']);
    expect(byKind.reports?.count).toBe((before.byKind.reports?.count ?? 0) + 2);
    const ids = byKind.reports?.items.map((i) => i.id) ?? [];
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id) === -1 ? 99 : ids.indexOf(newer.id));
    expect(byKind.redemptions?.count).toBe((before.byKind.redemptions?.count ?? 0) + 1);
    expect(byKind.hours?.items.find((i) => i.id === activity.id)).toMatchObject({
      detail: '1 人待确认',
      link: `/packages/volunteer/confirm/index?id=${activity.id}`,
    });
    const op = byKind.opinions?.items.find((i) => i.id === opinion.id);
    expect(op?.dueAt).toBe(new Date(Date.parse(op?.since ?? '') + 7 * 24 * HOUR).toISOString());
    expect(byKind.topics?.count).toBe((before.byKind.topics?.count ?? 0) + 1);
    // The environment SLA is 4 h to respond: not overdue yet.
    expect(byKind.overdue?.items.map((i) => i.id)).not.toContain(older.id);
    t.clock.advance(3 * HOUR);
    expect((await bench('demo-staff')).byKind.overdue?.items.map((i) => i.id)).toContain(older.id);

    // Clearing: answer the opinion and the topic, confirm the hours; each leaves the workbench.
    await t.as('demo-staff').ok('deliberation', 'opinion.answer', {
      opinionId: opinion.id,
      answer: '已补充公开表决票数，见公开栏。',
    });
    await t.as('demo-staff').ok('deliberation', 'topic.answer', {
      topicId: topic.id,
      status: 'under_study',
      reason: '已联系供电公司现场勘察',
    });
    await t.as('demo-staff').ok('timebank', 'attendance.confirmBatch', {
      activityId: activity.id,
      items: [{ userId: 'user-volunteer', minutes: 60, reason: '组织者现场点名确认' }],
    });
    const after = await bench('demo-staff');
    expect(after.byKind.opinions?.items.map((i) => i.id)).not.toContain(opinion.id);
    expect(after.byKind.topics?.count).toBe(before.byKind.topics?.count ?? 0);
    expect(after.byKind.hours?.items.map((i) => i.id)).not.toContain(activity.id);
  });

  it('a grid worker sees only their own grid’s reports; residents have no workbench; communities stay apart', async () => {
    const grid1 = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    // demo-volunteer lives in grid 2; with no coordinates the report stays in the reporter's home grid
    // (a point would place it in the grid whose outline holds it).
    const grid2 = await t
      .as('demo-volunteer')
      .ok('reports', 'submit', await reportInput(t, { location: { address: '潇湘社区 8 号楼' } }, 'demo-volunteer'));
    const worker = await bench('demo-gridworker');
    expect(worker.w.kinds.map((k) => k.kind)).toEqual(['reports', 'overdue']);
    const seen = worker.byKind.reports?.items.map((i) => i.id) ?? [];
    expect(worker.byKind.reports?.count).toBeGreaterThanOrEqual(1);
    expect(seen).not.toContain(grid2.id);
    expect(JSON.stringify(worker.w)).not.toContain(grid2.id);
    void grid1;
    expect(codeOf(await t.as('demo-resident').call('admin', 'workbench', {}))).toBe('FORBIDDEN');
    await addPerson(t, 'staff-cuifeng', {
      nickname: '翠峰社工',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [{ role: 'staff', communityId: DEMO.communityB }],
    });
    const other = await bench('staff-cuifeng');
    expect(JSON.stringify(other.w)).not.toContain(grid1.id);
    expect(JSON.stringify(other.w)).not.toContain(grid2.id);
  });

  it('a staff member’s own redemption does not wait for them', async () => {
    // A second staff member pays the first (nobody awards themselves), then the first redeems.
    await addPerson(t, 'wb-staff-2', {
      nickname: '李社工',
      grants: [{ role: 'staff', communityId: DEMO.communityA }],
    });
    const goods = await newGoods(t, { name: '肥皂', price: 10, stock: 5 });
    await t
      .as('wb-staff-2')
      .ok('greencoin', 'award', { userId: 'user-staff', lineId: 'pub-1', note: '测试发放', idempotencyKey: key() });
    const before = (await bench('demo-staff')).byKind.redemptions?.count ?? 0;
    const other = (await bench('wb-staff-2')).byKind.redemptions?.count ?? 0;
    await t.as('demo-staff').ok('greencoin', 'redeem.request', { goodsId: goods, quantity: 1, idempotencyKey: key() });
    expect((await bench('demo-staff')).byKind.redemptions?.count).toBe(before);
    expect((await bench('wb-staff-2')).byKind.redemptions?.count).toBe(other + 1);
  });
});
