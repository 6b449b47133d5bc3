import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  composeMessage,
  MESSAGE_COLLECTIONS,
  MESSAGE_KINDS,
  type MessageKind,
  type OutboxDoc,
} from '../../cloudfunctions/_core/domain/messages';
import {
  createCloudbaseNotifier,
  SUBSCRIBE_SEND_API,
  templateEnvKey,
} from '../../cloudfunctions/_core/runtime/cloudbase';
import type { Notifier } from '../../cloudfunctions/_core/runtime/define';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { startTcbLoopback } from '../support/tcb-loopback';

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

/**
 * The CloudBase notifier through the real @cloudbase/node-sdk against the loopback server: the
 * request is the 云调用 the inbox function declares (config.json permissions.openapi), with
 * subscribeMessage.send's body, and the template id comes from the function's environment.
 */
describe('subscription messages on CloudBase (云调用 subscribeMessage.send)', () => {
  const inboxConfig = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../cloudfunctions/inbox/config.json'), 'utf8'),
  ) as { permissions?: { openapi?: string[] } };
  const message = {
    openid: 'oXXcl5KX3bmG7Mm2xP_YUtGAXZ2w',
    kind: 'report.progress' as const,
    page: '/packages/reports/detail/index?id=r1',
    data: { thing1: { value: '楼道杂物已清理' }, thing2: { value: '请评价' }, time3: { value: '2026-12-01 09:30' } },
  };

  it('the inbox function declares the API it calls', () => {
    expect(inboxConfig.permissions?.openapi).toEqual([SUBSCRIBE_SEND_API]);
    expect(SUBSCRIBE_SEND_API).toBe('subscribeMessage.send');
  });

  it('sends touser, template_id, page, data and miniprogram_state; WeChat errors become a failed send', async () => {
    const loopback = await startTcbLoopback({
      openApi: (call) =>
        (call.requestData as { touser?: string }).touser === 'refused'
          ? { errcode: 43101, errmsg: 'user refuse to accept the msg' }
          : { errcode: 0, errmsg: 'ok' },
    });
    try {
      const env = { [templateEnvKey('report.progress')]: 'tpl-report-progress', GONGZHI_MINIPROGRAM_STATE: 'trial' };
      const notifier = createCloudbaseNotifier(loopback.app, env);
      expect(await notifier.send(message)).toEqual({ ok: true });
      expect(loopback.openApiCalls).toEqual([
        {
          apiName: 'subscribeMessage.send',
          requestData: {
            touser: message.openid,
            template_id: 'tpl-report-progress',
            page: 'packages/reports/detail/index?id=r1',
            data: message.data,
            miniprogram_state: 'trial',
            lang: 'zh_CN',
          },
        },
      ]);
      const refused = await notifier.send({ ...message, openid: 'refused' });
      expect(refused).toEqual({ ok: false, reason: 'errcode 43101 user refuse to accept the msg' });
      // No template configured for a kind: nothing is sent, and the reason names the variable to set.
      const unconfigured = await notifier.send({ ...message, kind: 'hours.confirmed' });
      expect(unconfigured.ok).toBe(false);
      expect(unconfigured.ok ? '' : unconfigured.reason).toContain('GONGZHI_TEMPLATE_HOURS_CONFIRMED');
      expect(loopback.openApiCalls).toHaveLength(2);
    } finally {
      await loopback.close();
    }
  });

  it('every kind a person can consent to has a template variable a deploy keeps (declared "" in cloudbaserc.json)', () => {
    const rc = JSON.parse(readFileSync(path.resolve(__dirname, '../../cloudbaserc.json'), 'utf8')) as {
      functions: Array<{ name: string; envVariables?: Record<string, string> }>;
    };
    const inbox = rc.functions.find((f) => f.name === 'inbox');
    for (const kind of MESSAGE_KINDS.filter((k) => k !== 'general')) {
      expect(inbox?.envVariables?.[templateEnvKey(kind)], kind).toBe('');
    }
  });
});
