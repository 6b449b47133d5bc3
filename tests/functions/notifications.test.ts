import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  composeMessage,
  MESSAGE_COLLECTIONS,
  type MessageKind,
  type OutboxDoc,
} from '../../cloudfunctions/_core/domain/messages';
import type { Notifier } from '../../cloudfunctions/_core/runtime/define';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('subscription messages: consent, outbox and the sender', () => {
  let t: TestRuntime;
  let n = 0;
  const announce = async (userId: string, kind: MessageKind) => {
    n += 1;
    t.clock.advance(1000);
    const { message, outbox } = composeMessage({
      messageId: `m-${n}`,
      outboxId: `o-${n}`,
      userId,
      kind,
      title: '您反映的“楼道堆放杂物影响通行和消防安全”已办结',
      body: '请对处理结果进行评价',
      link: '/packages/reports/detail/index?id=r1',
      at: t.clock.now().toISOString(),
    });
    await t.runtime.store.runTransaction(async (tx) => {
      await tx.insert(MESSAGE_COLLECTIONS.messages, message);
      await tx.insert(MESSAGE_COLLECTIONS.outbox, outbox);
    });
    return outbox._id;
  };
  const outboxRow = (id: string) => t.runtime.store.get<OutboxDoc>(MESSAGE_COLLECTIONS.outbox, id);
  const drain = () => t.as('demo-admin').ok('inbox', 'outbox.drain', { limit: 100 });

  beforeEach(async () => {
    t = await startTestRuntime();
    // Seeds may have announced things already; start from a drained outbox.
    await drain();
    t.runtime.notifications.length = 0;
  });
  afterEach(() => t.close());

  it('one consent sends exactly one message; without consent the row is skipped (the message centre keeps it)', async () => {
    await t.as('demo-resident').ok('inbox', 'consent', { kinds: ['report.progress'] });
    const first = await announce('user-resident', 'report.progress');
    const second = await announce('user-resident', 'report.progress');
    expect(await drain()).toEqual({ sent: 1, skipped: 1, failed: 0, retried: 0 });
    expect((await outboxRow(first))?.status).toBe('sent');
    expect((await outboxRow(second))?.status).toBe('skipped');
    expect(t.runtime.notifications).toHaveLength(1);
    const sent = t.runtime.notifications[0];
    expect(sent?.kind).toBe('report.progress');
    expect(sent?.page).toBe('/packages/reports/detail/index?id=r1');
    expect(sent?.data.thing1?.value.length).toBeLessThanOrEqual(20);
    // A second drain sends nothing again.
    expect(await drain()).toEqual({ sent: 0, skipped: 0, failed: 0, retried: 0 });
  });

  it('a failed send is retried with the consent given back, and given up after three attempts', async () => {
    await t.as('demo-resident').ok('inbox', 'consent', { kinds: ['general'] });
    const id = await announce('user-resident', 'general');
    const failing: Notifier = { send: async () => ({ ok: false, reason: 'errcode 43101' }) };
    const original = t.runtime.notifier;
    t.runtime.notifier.send = failing.send;
    try {
      expect(await drain()).toMatchObject({ retried: 1 });
      expect((await outboxRow(id))?.status).toBe('pending');
      expect(await drain()).toMatchObject({ retried: 1 });
      expect(await drain()).toMatchObject({ failed: 1 });
      const row = await outboxRow(id);
      expect(row?.status).toBe('failed');
      expect(row?.attempts).toBe(3);
    } finally {
      t.runtime.notifier.send = original.send;
    }
  });

  it('parallel drains never send a message twice', async () => {
    for (let i = 0; i < 5; i += 1) await t.as('demo-resident').ok('inbox', 'consent', { kinds: ['general'] });
    for (let i = 0; i < 5; i += 1) await announce('user-resident', 'general');
    const results = await Promise.all([drain(), drain(), drain()]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(5);
    expect(t.runtime.notifications).toHaveLength(5);
  });

  it('the timer trigger drains as the system; a signed-in person sending a timer event does not', async () => {
    await t.as('demo-resident').ok('inbox', 'consent', { kinds: ['general'] });
    await announce('user-resident', 'general');
    const asPerson = await t.runtime.invoke('inbox', { Type: 'Timer', TriggerName: 'outboxSender' }, 'demo-resident');
    expect(asPerson.ok).toBe(false);
    expect(t.runtime.notifications).toHaveLength(0);
    // Nor does a request without a token: only the platform trigger (here the scheduler's mark) sends.
    expect((await t.runtime.invoke('inbox', { Type: 'Timer', TriggerName: 'outboxSender' }, null)).ok).toBe(false);
    expect(t.runtime.notifications).toHaveLength(0);
    const asTimer = await t.runtime.invoke('inbox', { Type: 'Timer', TriggerName: 'outboxSender' }, null, {
      trigger: 'timer',
    });
    expect(asTimer).toMatchObject({ ok: true, data: { sent: 1 } });
  });

  it('staff of a community cannot run the sender', async () => {
    const result = await t.as('demo-staff').call('inbox', 'outbox.drain', { limit: 10 });
    expect(result.ok === false && result.error.code).toBe('FORBIDDEN');
  });
});
