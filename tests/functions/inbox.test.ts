import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeMessage, MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('inbox: the message centre', () => {
  let t: TestRuntime;
  const deliver = async (userId: string, n: number) => {
    for (let i = 0; i < n; i += 1) {
      t.clock.advance(60_000);
      const { message, outbox } = composeMessage({
        messageId: `m-${userId}-${i}`,
        outboxId: `o-${userId}-${i}`,
        userId,
        kind: 'report.progress',
        title: `事项进展 ${i}`,
        body: '您反映的问题已受理',
        link: '/packages/reports/detail/index?id=r1',
        at: t.clock.now().toISOString(),
      });
      await t.runtime.store.runTransaction(async (tx) => {
        await tx.insert(MESSAGE_COLLECTIONS.messages, message);
        await tx.insert(MESSAGE_COLLECTIONS.outbox, outbox);
      });
    }
  };
  beforeEach(async () => {
    t = await startTestRuntime({ seed: true });
  });
  afterEach(() => t.close());

  it("lists a person's own messages newest first, pages, counts unread and marks them read", async () => {
    const resident = t.as('demo-resident');
    const baseline = (await resident.ok('inbox', 'unreadCount', {})).count;
    await deliver('user-resident', 25);
    await deliver('user-volunteer', 3);

    expect((await resident.ok('inbox', 'unreadCount', {})).count).toBe(baseline + 25);
    const first = await resident.ok('inbox', 'list', { unreadOnly: true, skip: 0, limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    expect(first.items[0]?.title).toBe('事项进展 24');
    const times = first.items.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const marked = await resident.ok('inbox', 'markRead', { ids: first.items.slice(0, 3).map((m) => m.id) });
    expect(marked.updated).toBe(3);
    expect((await resident.ok('inbox', 'unreadCount', {})).count).toBe(baseline + 22);
    const again = await resident.ok('inbox', 'markRead', { ids: first.items.slice(0, 3).map((m) => m.id) });
    expect(again.updated).toBe(0);

    await resident.ok('inbox', 'markRead', { all: true });
    expect((await resident.ok('inbox', 'unreadCount', {})).count).toBe(0);
    expect((await t.as('demo-volunteer').ok('inbox', 'unreadCount', {})).count).toBeGreaterThanOrEqual(3);
  });

  it("never shows or touches another person's messages", async () => {
    await deliver('user-volunteer', 2);
    const resident = t.as('demo-resident');
    const listed = await resident.ok('inbox', 'list', { unreadOnly: false, skip: 0, limit: 50 });
    expect(listed.items.some((m) => m.id.startsWith('m-user-volunteer'))).toBe(false);
    const marked = await resident.ok('inbox', 'markRead', { ids: ['m-user-volunteer-0', 'm-user-volunteer-1'] });
    expect(marked.updated).toBe(0);
    const volunteer = await t.as('demo-volunteer').ok('inbox', 'list', { unreadOnly: true, skip: 0, limit: 50 });
    expect(volunteer.items.filter((m) => m.id.startsWith('m-user-volunteer'))).toHaveLength(2);
  });

  it("lists a person's messages through the declared index, without a full scan", async () => {
    await deliver('user-resident', 5);
    t.runtime.store.resetStats();
    await t.as('demo-resident').ok('inbox', 'list', { unreadOnly: false, skip: 0, limit: 20 });
    await t.as('demo-resident').ok('inbox', 'unreadCount', {});
    expect(t.runtime.store.stats().fullScans.messages ?? 0).toBe(0);
  });
});
