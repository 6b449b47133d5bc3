import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { codeOf, photo, reportInput } from '../functions/reports.support';
import { key } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Beyond the declared decisions (policy.property.test.ts): closing one's own oversight, adopting
// one's own proposal, rating one's own work, and deciding after a role change either way.

describe('redteam: nobody answers, adopts or rates their own case', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  it('a 乡贤 who gains a staff role cannot answer their own opinion; another staff member can', async () => {
    const sage = t.as('demo-sage');
    const filed = await sage.ok('deliberation', 'opinion.file', {
      targetKind: 'disclosure',
      targetId: 'disclosure-demo-finance',
      body: '公益金支出明细请按月公开',
    });
    // Role change mid-flow: the street admin makes the sage staff of the same community.
    await t
      .as('demo-admin')
      .ok('admin', 'role.grant', { userId: 'user-sage', role: 'staff', communityId: DEMO.communityA });
    const own = await sage.call('deliberation', 'opinion.answer', {
      opinionId: filed.id,
      answer: '已按月公开，请查看',
    });
    expect(codeOf(own)).toBe('FORBIDDEN');
    await t
      .as('demo-staff')
      .ok('deliberation', 'opinion.answer', { opinionId: filed.id, answer: '下月起按月公开明细' });
  });

  it('staff who propose a topic cannot adopt it themselves', async () => {
    const staff = t.as('demo-staff');
    const topic = await staff.ok('deliberation', 'topic.propose', {
      title: '增设快递柜',
      body: '小区快递堆在门口，建议在南门增设快递柜',
    });
    const own = await staff.call('deliberation', 'topic.answer', {
      topicId: topic.id,
      status: 'accepted',
      reason: '采纳，列入下次议事会',
    });
    expect(codeOf(own)).toBe('FORBIDDEN');
    await t
      .as('demo-admin')
      .ok('deliberation', 'topic.answer', { topicId: topic.id, status: 'accepted', reason: '采纳，列入下次议事会' });
  });

  it('a grid worker who reported and handled a case cannot rate it (the rating counts in their figures)', async () => {
    const worker = t.as('demo-gridworker');
    const { id } = await worker.ok('reports', 'submit', await reportInput(t, {}, 'demo-gridworker'));
    await worker.ok('reports', 'accept', { reportId: id });
    await worker.ok('reports', 'start', { reportId: id });
    await worker.ok('reports', 'resolve', {
      reportId: id,
      answer: '已联系环卫清运完毕',
      photos: [await photo(t, 'demo-gridworker')],
    });
    const rated = await worker.call('reports', 'rate', { reportId: id, score: 5 });
    expect(codeOf(rated)).toBe('FORBIDDEN');
    expect((await t.as('demo-staff').ok('reports', 'get', { reportId: id })).status).toBe('resolved');
    // A resident's own report, handled by the grid worker, is rated by the resident as before.
    const mine = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    await worker.ok('reports', 'accept', { reportId: mine.id });
    await worker.ok('reports', 'start', { reportId: mine.id });
    await worker.ok('reports', 'resolve', {
      reportId: mine.id,
      answer: '已联系环卫清运完毕',
      photos: [await photo(t, 'demo-gridworker')],
    });
    await t.as('demo-resident').ok('reports', 'rate', { reportId: mine.id, score: 5 });
  });

  it('staff removed from the role decide nothing more, at once', async () => {
    await t
      .as('demo-admin')
      .ok('admin', 'role.revoke', { userId: 'user-staff', role: 'staff', communityId: DEMO.communityA });
    const award = await t
      .as('demo-staff')
      .call('greencoin', 'award', { userId: 'user-volunteer', lineId: 'pub-1', note: '撤职后', idempotencyKey: key() });
    expect(codeOf(award)).toBe('FORBIDDEN');
    const verify = await t.as('demo-staff').call('timebank', 'volunteer.verify', { userId: 'user-volunteer' });
    expect(codeOf(verify)).toBe('FORBIDDEN');
  });
});
