import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage, MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { type E2E, expectVisible, startE2E, tapNut } from '../support/e2e';

describe('h5 in Chromium: the message centre in 我的', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    // Newer than anything the demo seeds wrote, so it is on the first page.
    e2e.clock.advance(365 * 24 * 3600 * 1000);
    const { message, outbox } = composeMessage({
      messageId: 'm-e2e-1',
      outboxId: 'o-e2e-1',
      userId: 'user-resident',
      kind: 'general',
      title: '议事会通知：下周三院坝会',
      body: '请准时参加',
      link: null,
      at: e2e.clock.now().toISOString(),
    });
    await e2e.runtime.store.runTransaction(async (tx) => {
      await tx.insert(MESSAGE_COLLECTIONS.messages, message);
      await tx.insert(MESSAGE_COLLECTIONS.outbox, outbox);
    });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows unread messages, opens the centre, and marks them read', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    const entry = page.getByTestId('messages-entry');
    await expectVisible(entry.getByText(/\d+ 条未读/));
    await entry.locator('.nut-cell').click();
    const message = page.locator('[data-testid="message"]', { hasText: '议事会通知：下周三院坝会' });
    await expectVisible(message);
    expect(await message.getAttribute('data-read')).toBe('false');
    await tapNut(page, '全部标为已读');
    await page.locator('[data-testid="message"][data-read="false"]').first().waitFor({ state: 'detached' });
    const unread = await e2e.runtime.invoke('inbox', { action: 'unreadCount', payload: {} }, 'demo-resident');
    expect(unread).toEqual({ ok: true, data: { count: 0 } });
  });
});
