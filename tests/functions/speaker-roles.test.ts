import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { speakerIn } from '../../cloudfunctions/_core/domain/speaker';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, reportInput } from './reports.support';

/**
 * 陈书记 is the demo community's staff member; anyone may take the same nickname. What residents read
 * carries the speaker's role from the server (the actor's grants, or the kind of record only staff
 * write), so the two 陈书记 are told apart; a resident's own words never carry a badge.
 */
describe('speakerIn: the strongest speaking role held in the community', () => {
  it('staff before grid worker before 乡贤; a volunteer or a resident speaks as nobody special', () => {
    const c = DEMO.communityA;
    expect(
      speakerIn(
        [
          { role: 'resident', communityId: c },
          { role: 'volunteer', communityId: c },
        ],
        c,
      ),
    ).toBeNull();
    expect(speakerIn([{ role: 'gridworker', communityId: c, gridId: 'g' }], c)).toEqual({
      role: 'gridworker',
      label: '网格员',
    });
    expect(
      speakerIn(
        [
          { role: 'sage', communityId: c },
          { role: 'staff', communityId: c },
        ],
        c,
      )?.label,
    ).toBe('社区工作者');
    expect(speakerIn([{ role: 'sage', communityId: c }], c)?.label).toBe('乡贤监督员');
    // Held elsewhere is not held here; a street admin (no community) holds it everywhere.
    expect(speakerIn([{ role: 'staff', communityId: 'other' }], c)).toBeNull();
    expect(speakerIn([{ role: 'admin' }], c)?.role).toBe('admin');
  });
});

describe('who spoke, as a resident reads it (real handlers, embedded store)', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it('a report’s timeline and 办理人 carry 网格员 / 社区工作者; the resident calling themselves 陈书记 carries none', async () => {
    const resident = t.as('demo-resident');
    await resident.ok('identity', 'updateProfile', { nickname: '陈书记' });
    const { id } = await resident.ok('reports', 'submit', await reportInput(t));
    await t.as('demo-staff').ok('reports', 'dispatch', { reportId: id, assigneeUserId: 'user-gridworker' });
    await t.as('demo-gridworker').ok('reports', 'accept', { reportId: id });
    const detail = await resident.ok('reports', 'get', { reportId: id });
    const byAction = new Map(detail.timeline.map((e) => [e.action, e]));
    // Same nickname as the staff member, no badge: the role is not read from the name.
    expect(byAction.get('submit')).toMatchObject({ actor: '陈书记', actorRole: null });
    expect(byAction.get('dispatch')).toMatchObject({
      actor: '陈书记',
      actorRole: { role: 'staff', label: '社区工作者' },
    });
    expect(byAction.get('accept')?.actorRole).toEqual({ role: 'gridworker', label: '网格员' });
    expect(detail.assigneeRole).toEqual({ role: 'gridworker', label: '网格员' });
  });

  it('a resident’s own steps carry none even when they hold a role; a 我也遇到 by another resident neither', async () => {
    // A grid worker who lives here files their own report as a resident.
    await addPerson(t, 'worker-at-home', {
      nickname: '李网格',
      gridId: DEMO.gridA1,
      grants: [
        { role: 'resident', communityId: DEMO.communityA },
        { role: 'gridworker', communityId: DEMO.communityA, gridId: 'grid-other' },
      ],
    });
    const { id } = await t.as('worker-at-home').ok('reports', 'submit', await reportInput(t, {}, 'worker-at-home'));
    await t.as('demo-volunteer').ok('reports', 'meToo', { reportId: id });
    const detail = await t.as('demo-staff').ok('reports', 'get', { reportId: id });
    expect(detail.timeline.map((e) => [e.action, e.actorRole])).toEqual([
      ['submit', null],
      ['metoo', null],
    ]);
  });

  it('an opinion carries 乡贤监督员 and its answer 社区工作者; a disclosure and minutes 社区工作者; a topic’s author none', async () => {
    const sage = t.as('demo-sage');
    const opinion = await sage.ok('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: 'meeting-demo-renovation',
      body: '建议公布改造资金的明细。',
    });
    expect(opinion.authorRole).toEqual({ role: 'sage', label: '乡贤监督员' });
    const answered = await t.as('demo-staff').ok('deliberation', 'opinion.answer', {
      opinionId: opinion.id,
      answer: '明细已在公开栏公布。',
    });
    expect(answered.answer?.answeredByRole).toEqual({ role: 'staff', label: '社区工作者' });

    const resident = t.as('demo-resident');
    const disclosure = await resident.ok('deliberation', 'disclosure.get', {
      disclosureId: 'disclosure-demo-rental-resolution',
    });
    expect(disclosure.publishedByRole.label).toBe('社区工作者');
    const meeting = await resident.ok('deliberation', 'meeting.get', { meetingId: 'meeting-demo-renovation' });
    expect(meeting.minutes?.recordedByRole.label).toBe('社区工作者');
    const topics = await resident.ok('deliberation', 'topic.list', {});
    for (const topic of topics.items) expect(topic).not.toHaveProperty('authorRole');
  });

  it('an activity’s organiser carries 社区工作者 from their grants; once the role is withdrawn, none', async () => {
    const seen = await t.as('demo-volunteer').ok('timebank', 'activity.get', { activityId: 'tb-act-reading' });
    expect(seen.activity.organizerName).toBe('陈书记');
    expect(seen.organizerRole).toEqual({ role: 'staff', label: '社区工作者' });
    await t.runtime.store.updateById('users', 'user-staff', {
      $set: { grants: [{ role: 'resident', communityId: DEMO.communityA }] },
    });
    const after = await t.as('demo-volunteer').ok('timebank', 'activity.get', { activityId: 'tb-act-reading' });
    expect(after.organizerRole).toBeNull();
  });
});
