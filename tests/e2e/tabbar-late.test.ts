import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage, MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * Issue 19: h5 defines Taro's tab bar after the first page (src/h5/tabbar.ts), so the home's unread
 * count (setTabBarBadge, asked as the home shows) is asked before the bar listens. It must still
 * reach the bar: the calls are kept and replayed once the bar has loaded.
 */
describe('h5 in Chromium: the tab bar, defined after the first page, still shows what was asked of it before', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const { message, outbox } = composeMessage({
      messageId: 'm-tabbar-1',
      outboxId: 'o-tabbar-1',
      userId: 'user-resident',
      kind: 'general',
      title: '议事会通知：周五院坝会',
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

  it('the home shows first; the bar then appears with 我的 carrying the unread count, and its tabs work', async () => {
    const page = await e2e.pageAs('demo-resident');
    const unread = await e2e.runtime.invoke('inbox', { action: 'unreadCount', payload: {} }, 'demo-resident');
    if (!unread.ok) throw new Error(unread.error.message);
    const { count } = unread.data as { count: number };
    expect(count).toBeGreaterThan(0);
    // A fresh load of the home (the profile kept from the sign-in), as a returning person opens it.
    await page.reload();
    await expectVisible(page.getByTestId('home-community'));
    const bar = page.locator('.taro-tabbar__tabbar');
    await expectVisible(bar);
    const badge = bar.locator('.weui-tabbar__item').nth(2).locator('.taro-tabbar-badge');
    await expectVisible(badge);
    expect((await badge.textContent())?.trim()).toBe(String(count));
    await bar.getByText('我的', { exact: true }).click();
    await page.waitForURL(/pages\/me\/index/);
    await expectVisible(page.getByTestId('messages-entry'));
  });
});
