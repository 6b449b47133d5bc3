import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION } from '../../cloudfunctions/_core/domain/audit';
import { MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { REPORT_COLLECTIONS } from '../../cloudfunctions/_core/domain/reports/types';
import { startScheduler } from '../../local/scheduler';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, codeOf, photo, reportInput } from './reports.support';

const HOUR = 3600_000;

describe('reports: filing, lifecycle, rating (real handlers, embedded store)', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  const resident = () => t.as('demo-resident');
  const staff = () => t.as('demo-staff');
  const worker = () => t.as('demo-gridworker');

  it('a resident files a report with a photo; it is routed to their grid with the category SLA', async () => {
    const filed = await resident().ok('reports', 'submit', await reportInput(t));
    expect(filed.status).toBe('submitted');
    const detail = await resident().ok('reports', 'get', { reportId: filed.id });
    expect(detail.gridName).toBe('潇湘第一网格');
    expect(detail.categoryName).toBe('环境卫生');
    expect(detail.photos[0]).toMatch(/^\/files\/[a-f0-9]{24}\.jpg\?e=\d+&s=[\w-]{43}$/);
    // 环境卫生: respond within 4 hours, resolve within 48, counted from submission.
    const created = Date.parse(detail.createdAt);
    expect(Date.parse(detail.sla.responseDueAt) - created).toBe(4 * HOUR);
    expect(Date.parse(detail.sla.resolveDueAt) - created).toBe(48 * HOUR);
    expect(detail.sla.stage).toBe('response');
    expect(detail.timeline.map((e) => e.action)).toEqual(['submit']);
    expect(detail.actions).toEqual(['recall']);
    const mine = await resident().ok('reports', 'mine', { group: 'open' });
    expect(mine.items.map((r) => r.id)).toContain(filed.id);
    // The grid's worker sees it in their queue at once (routing) and may take it directly.
    const queue = await worker().ok('reports', 'queue', { group: 'waiting' });
    expect(queue.items.map((r) => r.id)).toContain(filed.id);
    expect((await worker().ok('reports', 'get', { reportId: filed.id })).actions).toContain('accept');
  });

  it('the whole path: dispatch → accept → start → resolve → unsatisfied → rework → resolved → satisfied', async () => {
    const statsBefore = await staff().ok('reports', 'stats', {});
    const { id } = await resident().ok('reports', 'submit', await reportInput(t));
    await staff().ok('reports', 'dispatch', { reportId: id, assigneeUserId: 'user-gridworker', note: '请尽快处理' });
    t.clock.advance(HOUR);
    await worker().ok('reports', 'accept', { reportId: id });
    await worker().ok('reports', 'start', { reportId: id });
    const evidence = await photo(t, 'demo-gridworker');
    await worker().ok('reports', 'resolve', {
      reportId: id,
      answer: '已联系环卫公司清运，并增加了每天的清运次数。',
      photos: [evidence],
    });
    expect((await resident().ok('reports', 'get', { reportId: id })).actions).toEqual([
      'rate_satisfied',
      'rate_unsatisfied',
    ]);
    await resident().ok('reports', 'rate', { reportId: id, score: 2, comment: '第二天又满了' });
    let detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.status).toBe('rework');
    expect(detail.reworkCount).toBe(1);
    await worker().ok('reports', 'start', { reportId: id, note: '重新办理' });
    await worker().ok('reports', 'resolve', {
      reportId: id,
      answer: '已加装一个大垃圾桶，每天早晚各清运一次。',
      photos: [await photo(t, 'demo-gridworker')],
    });
    await resident().ok('reports', 'rate', { reportId: id, score: 5 });
    detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.status).toBe('closed');
    expect(detail.answer).toBe('已加装一个大垃圾桶，每天早晚各清运一次。');
    expect(detail.evidencePhotos).toHaveLength(1);
    expect(detail.timeline.map((e) => e.action)).toEqual([
      'submit',
      'dispatch',
      'accept',
      'start',
      'resolve',
      'rate',
      'start',
      'resolve',
      'rate',
    ]);
    expect(detail.timeline[1]).toMatchObject({ actor: '陈书记', note: '派给 王网格：请尽快处理' });
    expect(detail.timeline[4]?.photos).toHaveLength(1);

    // The reporter was told of every change made by someone else, through the message centre + outbox.
    const link = `/packages/reports/detail/index?id=${id}`;
    const messages = await t.runtime.store.find(MESSAGE_COLLECTIONS.messages, { userId: 'user-resident', link });
    expect(messages).toHaveLength(6);
    const outbox = { messageId: { $in: messages.map((m) => m._id) }, status: 'pending' };
    expect(await t.runtime.store.count(MESSAGE_COLLECTIONS.outbox, outbox)).toBe(6);
    // The worker was told of the dispatch and of the rework.
    expect(await t.runtime.store.count(MESSAGE_COLLECTIONS.messages, { userId: 'user-gridworker', link })).toBe(2);
    const audit = await t.runtime.store.find<{ _id: string; action: string }>(AUDIT_COLLECTION, { 'target.id': id });
    expect(audit.map((a) => a.action).sort()).toEqual(['reports.dispatch', 'reports.resolve', 'reports.resolve']);

    const stats = await staff().ok('reports', 'stats', {});
    const delta = Object.fromEntries(
      Object.entries(stats.counts).map(([k, v]) => [k, v - statsBefore.counts[k as keyof typeof stats.counts]]),
    );
    expect(delta).toMatchObject({
      submitted: 1,
      responded: 1,
      resolved: 1,
      closed: 1,
      satisfied: 1,
      unsatisfied: 1,
      rework: 1,
    });
    const { satisfied, unsatisfied } = stats.counts;
    expect(stats.rates.satisfaction).toBe(Math.round((satisfied / (satisfied + unsatisfied)) * 1000) / 10);
    expect((await t.as('demo-sage').ok('reports', 'stats', {})).rates).toEqual(stats.rates);
  });

  it('racing accepts on one report: exactly one wins, the other gets CONFLICT', async () => {
    const before = await staff().ok('reports', 'stats', {});
    const { id } = await resident().ok('reports', 'submit', await reportInput(t));
    const results = await Promise.all([
      worker().call('reports', 'accept', { reportId: id }),
      worker().call('reports', 'accept', { reportId: id }),
      worker().call('reports', 'accept', { reportId: id }),
    ]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.timeline.filter((e) => e.action === 'accept')).toHaveLength(1);
    expect((await staff().ok('reports', 'stats', {})).counts.responded).toBe(before.counts.responded + 1);
  });

  it('suspend needs a reason, stops the clock, and resume moves the deadlines by the pause', async () => {
    const { id } = await resident().ok('reports', 'submit', await reportInput(t));
    await worker().ok('reports', 'accept', { reportId: id });
    expect(codeOf(await worker().call('reports', 'suspend', { reportId: id }))).toBe('INVALID_INPUT');
    expect(codeOf(await worker().call('reports', 'suspend', { reportId: id, reason: ' ' }))).toBe('INVALID_INPUT');
    const before = await resident().ok('reports', 'get', { reportId: id });
    await worker().ok('reports', 'suspend', { reportId: id, reason: '需要物业提供维修资金，等待业委会表决' });
    const suspended = await resident().ok('reports', 'get', { reportId: id });
    expect(suspended.statusLabel).toBe('已挂起');
    expect(suspended.sla.dueAt).toBeNull();
    expect(suspended.timeline.at(-1)?.note).toBe('需要物业提供维修资金，等待业委会表决');
    t.clock.advance(72 * HOUR);
    await staff().ok('reports', 'sla.sweep', {});
    const actions = (await resident().ok('reports', 'get', { reportId: id })).timeline.map((e) => e.action);
    expect(actions).not.toContain('escalate');
    await worker().ok('reports', 'resume', { reportId: id });
    const resumed = await resident().ok('reports', 'get', { reportId: id });
    expect(resumed.status).toBe('accepted');
    expect(Date.parse(resumed.sla.resolveDueAt) - Date.parse(before.sla.resolveDueAt)).toBe(72 * HOUR);
    expect(resumed.sla.overdue).toBe(false);
  });

  it('recall before acceptance by the reporter only; reject by staff only, with a reason', async () => {
    const a = await resident().ok('reports', 'submit', await reportInput(t));
    expect(codeOf(await t.as('demo-volunteer').call('reports', 'recall', { reportId: a.id }))).toBe('FORBIDDEN');
    await resident().ok('reports', 'recall', { reportId: a.id, reason: '已经自己解决了' });
    expect((await resident().ok('reports', 'get', { reportId: a.id })).statusLabel).toBe('已撤回');

    const b = await resident().ok('reports', 'submit', await reportInput(t, { description: '楼上邻居装修噪音太大' }));
    await worker().ok('reports', 'accept', { reportId: b.id });
    expect(codeOf(await resident().call('reports', 'recall', { reportId: b.id }))).toBe('CONFLICT');

    const c = await resident().ok(
      'reports',
      'submit',
      await reportInput(t, { description: '小区外面的商场停车收费太贵' }),
    );
    expect(codeOf(await staff().call('reports', 'reject', { reportId: c.id }))).toBe('INVALID_INPUT');
    await staff().ok('reports', 'reject', {
      reportId: c.id,
      reason: '商场收费属于市场监管部门职责，已告知投诉渠道 12315',
    });
    const rejected = await resident().ok('reports', 'get', { reportId: c.id });
    expect(rejected.status).toBe('rejected');
    expect(rejected.timeline.at(-1)?.note).toContain('12315');
    expect(await t.runtime.store.count(AUDIT_COLLECTION, { action: 'reports.reject', 'target.id': c.id })).toBe(1);
  });

  it('staff may file on a resident’s behalf, recorded as such; the resident follows and rates it', async () => {
    // Staff find the caller by name or phone tail; phones stay masked.
    const byName = await staff().ok('reports', 'residents', { query: '张阿' });
    expect(byName.items).toContainEqual({ userId: 'user-resident', name: '张阿姨', phoneMasked: '138****0001' });
    expect((await staff().ok('reports', 'residents', { query: '0001' })).items.map((r) => r.userId)).toEqual([
      'user-resident',
    ]);
    expect(JSON.stringify(await staff().ok('reports', 'residents', { query: '138' }))).not.toContain('13800000001');
    const input = await reportInput(
      t,
      { onBehalfOfUserId: 'user-resident', description: '张阿姨来电：路灯坏了三天' },
      'demo-staff',
    );
    const { id } = await staff().ok('reports', 'submit', input);
    const detail = await resident().ok('reports', 'get', { reportId: id });
    expect(detail.mine).toBe(true);
    expect(detail.filedByStaff).toBe(true);
    expect(detail.timeline[0]).toMatchObject({ actor: '陈书记', note: '社区工作者代居民上报' });
    expect((await resident().ok('reports', 'mine', {})).items.map((r) => r.id)).toContain(id);
    // Residents cannot file in someone else's name.
    const forged = await t
      .as('demo-volunteer')
      .call('reports', 'submit', await reportInput(t, { onBehalfOfUserId: 'user-resident' }));
    expect(codeOf(forged)).toBe('FORBIDDEN');
  });

  it('photos are checked on the server: must exist, be images, 1–9', async () => {
    const base = await reportInput(t);
    const missing = await resident().call('reports', 'submit', {
      ...base,
      photos: ['local://aaaaaaaaaaaaaaaaaaaaaaaa.jpg'],
    });
    expect(codeOf(missing)).toBe('INVALID_INPUT');
    const pdf = await t.runtime.files.save({
      bytes: new Uint8Array([37, 80, 68, 70]),
      contentType: 'application/pdf',
      // The resident's own PDF: refused for what it is, not for whose it is.
      ownerId: 'demo-resident',
    });
    expect(codeOf(await resident().call('reports', 'submit', { ...base, photos: [pdf] }))).toBe('INVALID_INPUT');
    expect(codeOf(await resident().call('reports', 'submit', { ...base, photos: [] }))).toBe('INVALID_INPUT');
    const ten = await Promise.all(Array.from({ length: 10 }, () => photo(t)));
    expect(codeOf(await resident().call('reports', 'submit', { ...base, photos: ten }))).toBe('INVALID_INPUT');
    expect(codeOf(await resident().call('reports', 'submit', { ...base, photos: ten.slice(0, 9) }))).toBe('OK');
    expect(codeOf(await resident().call('reports', 'submit', { ...base, category: 'nope' }))).toBe('INVALID_INPUT');
  });

  it('a person may file 10 reports a day; the 11th is RATE_LIMITED, the next day it is fine again', async () => {
    const input = await reportInput(t);
    const results = await Promise.all(Array.from({ length: 11 }, () => resident().call('reports', 'submit', input)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => codeOf(r) === 'RATE_LIMITED')).toHaveLength(1);
    t.clock.advance(24 * HOUR);
    expect(codeOf(await resident().call('reports', 'submit', input))).toBe('OK');
  });

  it('staff add a category with its own SLA; residents see it and file under it', async () => {
    const added = await staff().ok('reports', 'categories.add', {
      name: '电梯故障',
      responseHours: 1,
      resolveHours: 12,
    });
    expect(
      codeOf(await resident().call('reports', 'categories.add', { name: '乱停车', responseHours: 1, resolveHours: 2 })),
    ).toBe('FORBIDDEN');
    const list = await resident().ok('reports', 'categories.list', {});
    expect(list.items.map((c) => c.name)).toEqual([
      '环境卫生',
      '道路设施',
      '治安隐患',
      '消防安全',
      '邻里纠纷',
      '公共服务',
      '其他',
      '电梯故障',
    ]);
    const { id, responseDueAt, resolveDueAt } = await resident().ok(
      'reports',
      'submit',
      await reportInput(t, { category: added.id }),
    );
    expect(Date.parse(resolveDueAt) - Date.parse(responseDueAt)).toBe(11 * HOUR);
    expect((await resident().ok('reports', 'get', { reportId: id })).categoryName).toBe('电梯故障');
    // Another community's residents cannot use it.
    await addPerson(t, 'wx-cuifeng', {
      nickname: '翠峰居民',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [{ role: 'resident', communityId: DEMO.communityB }],
    });
    expect(
      codeOf(await t.as('wx-cuifeng').call('reports', 'submit', await reportInput(t, { category: added.id }))),
    ).toBe('INVALID_INPUT');
  });

  it('queries on reports and timelines never scan whole collections', async () => {
    const { id } = await resident().ok('reports', 'submit', await reportInput(t));
    await staff().ok('reports', 'dispatch', { reportId: id, assigneeUserId: 'user-gridworker' });
    t.runtime.store.resetStats();
    const before = { ...t.runtime.store.stats().fullScans };
    await resident().ok('reports', 'mine', {});
    await resident().ok('reports', 'get', { reportId: id });
    await resident().ok('reports', 'duplicates', { category: 'environment' });
    await worker().ok('reports', 'queue', {});
    await staff().ok('reports', 'queue', { group: 'all' });
    await staff().ok('reports', 'sla.sweep', {});
    const after = t.runtime.store.stats().fullScans;
    for (const collection of [REPORT_COLLECTIONS.reports, REPORT_COLLECTIONS.events]) {
      expect(after[collection] ?? 0, collection).toBe(before[collection] ?? 0);
    }
  });
});

describe('reports: SLA escalation with the controllable clock', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it('an unanswered report escalates grid worker → community → street, each step on the timeline', async () => {
    // 消防安全: respond within 1 hour.
    const { id } = await t
      .as('demo-resident')
      .ok(
        'reports',
        'submit',
        await reportInput(t, { category: 'fire', description: '楼道里堆满了纸箱，堵住了消防通道' }),
      );
    const escalations = async () => {
      const detail = await t.as('demo-resident').ok('reports', 'get', { reportId: id });
      return detail.timeline.filter((e) => e.action === 'escalate').length;
    };
    t.clock.advance(59 * 60_000);
    await t.as('demo-staff').ok('reports', 'sla.sweep', {});
    expect(await escalations()).toBe(0);
    t.clock.advance(2 * 60_000);
    expect((await t.as('demo-staff').ok('reports', 'sla.sweep', {})).escalated).toBeGreaterThanOrEqual(1);
    expect(await escalations()).toBe(1);
    // Idempotent: sweeping again at the same moment escalates nothing.
    expect((await t.as('demo-staff').ok('reports', 'sla.sweep', {})).escalated).toBe(0);
    let detail = await t.as('demo-resident').ok('reports', 'get', { reportId: id });
    expect(detail.sla.overdue).toBe(true);
    expect(detail.sla.escalation).toBe('社区');
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'escalate',
      actor: '系统',
      note: '响应已超时，升级至社区督办',
    });
    // Community staff are told.
    const link = `/packages/reports/detail/index?id=${id}`;
    expect(await t.runtime.store.count(MESSAGE_COLLECTIONS.messages, { userId: 'user-staff', link })).toBe(1);
    // The staff queue puts overdue reports first.
    const other = await t
      .as('demo-volunteer')
      .ok(
        'reports',
        'submit',
        await reportInput(t, { category: 'other', description: '健身器材的螺丝松了' }, 'demo-volunteer'),
      );
    const queue = await t.as('demo-staff').ok('reports', 'queue', { group: 'open' });
    const overdue = queue.items.map((r) => r.sla.overdue);
    expect(overdue.indexOf(false)).toBeGreaterThan(overdue.lastIndexOf(true));
    expect(queue.items.find((r) => r.id === id)?.sla.overdue).toBe(true);
    expect(queue.items.find((r) => r.id === other.id)?.sla.overdue).toBe(false);

    // A day later still unanswered: the street. After that, nothing more to escalate.
    t.clock.advance(24 * HOUR);
    const scheduler = startScheduler(t.runtime, undefined);
    await scheduler.runOnce();
    scheduler.stop();
    detail = await t.as('demo-resident').ok('reports', 'get', { reportId: id });
    expect(detail.sla.escalation).toBe('街道');
    expect(detail.timeline.filter((e) => e.action === 'escalate').map((e) => e.note)).toEqual([
      '响应已超时，升级至社区督办',
      '响应已超时，升级至街道督办',
    ]);
    t.clock.advance(72 * HOUR);
    await t.as('demo-staff').ok('reports', 'sla.sweep', {});
    expect(await escalations()).toBe(2);
    expect((await t.as('demo-staff').ok('reports', 'stats', {})).counts.escalated).toBeGreaterThanOrEqual(1);
  });

  it('a late acceptance counts against the response rate; resolution deadlines escalate too', async () => {
    const before = await t.as('demo-staff').ok('reports', 'stats', {});
    const { id } = await t
      .as('demo-resident')
      .ok(
        'reports',
        'submit',
        await reportInput(t, { category: 'security', description: '小区后门的门禁坏了，外人随便进' }),
      );
    t.clock.advance(3 * HOUR); // 治安隐患: respond in 2 h
    await t.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    const stats = await t.as('demo-staff').ok('reports', 'stats', {});
    expect(stats.counts.responded).toBe(before.counts.responded + 1);
    // One more response, not on time: the on-time share drops.
    expect(stats.rates.response).toBeLessThan(before.rates.response ?? 101);
    t.clock.advance(22 * HOUR); // resolve in 24 h from submission
    await t.as('demo-staff').ok('reports', 'sla.sweep', {});
    const detail = await t.as('demo-resident').ok('reports', 'get', { reportId: id });
    expect(detail.sla.stage).toBe('resolve');
    expect(detail.timeline.at(-1)?.note).toBe('办结已超时，升级至社区督办');
  });

  it('the timer entry runs the sweep only without a signed-in caller', async () => {
    const { id } = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t, { category: 'fire' }));
    t.clock.advance(2 * HOUR);
    const timer = { Type: 'Timer', TriggerName: 'slaSweep', Time: t.clock.now().toISOString() };
    const asResident = await t.runtime.invoke('reports', timer, 'demo-resident');
    expect(codeOf(asResident)).toBe('INVALID_INPUT');
    // Without a token the body alone is still no timer: only the platform trigger runs the sweep.
    expect(codeOf(await t.runtime.invoke('reports', timer, null))).toBe('INVALID_INPUT');
    const asSystem = await t.runtime.invoke('reports', timer, null, { trigger: 'timer' });
    expect(asSystem).toMatchObject({ ok: true, data: { escalated: expect.any(Number) } });
    expect((await t.as('demo-resident').ok('reports', 'get', { reportId: id })).sla.escalation).toBe('社区');
  });
});
