import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage, MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { type E2E, expectVisible, startE2E, tapNut } from '../support/e2e';

const LONG_BODY =
  '您兑换的「环保洗衣液 2 升装」×1 已通过审核，请凭领取码 4821 到爱心超市领取（社区服务中心一楼东侧，周一至周六 9:00–17:00），超过 7 天未领取将退回绿币。';

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
    // A long one: more than the list's two lines, with a page to open.
    const long = composeMessage({
      messageId: 'm-e2e-2',
      outboxId: 'o-e2e-2',
      userId: 'user-resident',
      kind: 'redemption.approved',
      title: '兑换已通过',
      body: LONG_BODY,
      link: '/packages/greencoin/redemptions/index',
      at: new Date(e2e.clock.now().getTime() - 60_000).toISOString(),
    });
    await e2e.runtime.store.runTransaction(async (tx) => {
      for (const m of [message, long.message]) await tx.insert(MESSAGE_COLLECTIONS.messages, m);
      for (const o of [outbox, long.outbox]) await tx.insert(MESSAGE_COLLECTIONS.outbox, o);
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

  it('a tap opens the whole message, not the two lines of the list, and 查看详情 opens its page', async () => {
    const page = await e2e.pageAs('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/profile/messages/index`);
    const row = page.locator('[data-testid="message"]', { hasText: '兑换已通过' });
    await expectVisible(row);
    // In the list the body is clamped to two lines: its end is not visible there.
    const clamped = await row.locator('.nut-cell-description').evaluate((el) => el.scrollHeight > el.clientHeight + 1);
    expect(clamped).toBe(true);
    await row.locator('.nut-cell').click();
    const full = page.getByTestId('message-full');
    await expectVisible(full);
    expect(((await full.textContent()) ?? '').replace(/\s+/g, '')).toContain(LONG_BODY.replace(/\s+/g, ''));
    await tapNut(page, '查看详情');
    await page.waitForURL(/packages\/greencoin\/redemptions\/index/, { timeout: 10_000 });
  });
});
