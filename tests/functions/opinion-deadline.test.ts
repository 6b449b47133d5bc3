import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DELIBERATION_COLLECTIONS,
  OPINION_ANSWER_DAYS,
  type OpinionDoc,
} from '../../cloudfunctions/_core/domain/deliberation/model';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const DAY = 86_400_000;

describe('supervision opinions carry a stored answer-by date; lists sort and flag by it', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  const file = async (body: string) => {
    const meetings = await t.as('demo-sage').ok('deliberation', 'meeting.list', {});
    const meeting = meetings.items[0];
    if (!meeting) throw new Error('no seeded meeting');
    return t.as('demo-sage').ok('deliberation', 'opinion.file', { targetKind: 'meeting', targetId: meeting.id, body });
  };

  it('stores the date when filed, and the staff list and the workbench show it, most pressing first', async () => {
    const filedAt = t.clock.now().getTime();
    const first = await file('会议通知只贴在公告栏，建议同时在业主群发布。');
    const due = new Date(filedAt + OPINION_ANSWER_DAYS * DAY).toISOString();
    expect(OPINION_ANSWER_DAYS).toBe(7);
    expect(first).toMatchObject({ answerBy: due, overdue: false });
    const stored = await t.runtime.store.get<OpinionDoc>(DELIBERATION_COLLECTIONS.opinions, first.id);
    expect(stored?.answerBy).toBe(due);

    t.clock.advance(3 * DAY);
    const second = await file('议题表决票数未当场公布，建议会后张榜公示。');

    const open = await t.as('demo-staff').ok('deliberation', 'opinion.list', { status: 'open', limit: 50 });
    const answerBys = open.items.map((o) => o.answerBy);
    expect(answerBys).toEqual([...answerBys].sort());
    const ours = open.items.filter((o) => o.id === first.id || o.id === second.id).map((o) => o.id);
    expect(ours).toEqual([first.id, second.id]);

    // A day past the first one's date: flagged in the list and on the workbench; the second is not.
    t.clock.advance(5 * DAY);
    const later = await t.as('demo-staff').ok('deliberation', 'opinion.list', { status: 'open', limit: 50 });
    const byId = new Map(later.items.map((o) => [o.id, o]));
    expect(byId.get(first.id)?.overdue).toBe(true);
    expect(byId.get(second.id)?.overdue).toBe(false);

    const bench = await t.as('demo-staff').ok('admin', 'workbench', { limit: 10 });
    const kind = bench.kinds.find((k) => k.kind === 'opinions');
    const items = kind?.items ?? [];
    expect(items.map((i) => i.dueAt)).toEqual([...items.map((i) => i.dueAt)].sort());
    expect(items.find((i) => i.id === first.id)).toMatchObject({ dueAt: due, overdue: true });
    expect(items.find((i) => i.id === second.id)).toMatchObject({ overdue: false });

    // Answered ones are no longer overdue, whatever the date.
    const answered = await t.as('demo-staff').ok('deliberation', 'opinion.answer', {
      opinionId: first.id,
      answer: '已在业主群同步发布会议通知。',
    });
    expect(answered).toMatchObject({ status: 'answered', overdue: false, answerBy: due });
  });

  it('an opinion stored before the date existed reads with the date computed from when it was filed', async () => {
    const legacy = await file('建议公开会议签到名单。');
    await t.runtime.store.updateById(DELIBERATION_COLLECTIONS.opinions, legacy.id, { $unset: { answerBy: '' } });
    const list = await t.as('demo-staff').ok('deliberation', 'opinion.list', { status: 'open', limit: 50 });
    expect(list.items.find((o) => o.id === legacy.id)?.answerBy).toBe(legacy.answerBy);
  });
});
