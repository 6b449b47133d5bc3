import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage, MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const ITEMS = 500;
/** Well above what a phone screen shows (about 6 rows plus overscan), far below 500. */
const MAX_RENDERED = 40;

interface ScrollResult {
  /** Every item id in the order it was first seen. */
  seen: string[];
  /** The most item nodes in the document at any one time. */
  maxRendered: number;
  /** Ids that appeared twice in one rendering, if any. */
  duplicates: string[];
}

/**
 * Scrolls a virtual list from top to bottom, a screen at a time, loading pages as it goes, and
 * records what was rendered at every step. Were a step to skip a row, `seen` would miss it and the
 * order assertions fail: the step size cannot make the test pass wrongly.
 */
async function scrollToEnd(page: Page, listTestId: string, itemSelector: string, idAttribute: string) {
  const list = `[data-testid="${listTestId}"]`;
  const result: ScrollResult = { seen: [], maxRendered: 0, duplicates: [] };
  const seen = new Set<string>();
  for (let step = 0; step < 2000; step += 1) {
    const snapshot = await page.evaluate(
      async ({ list, itemSelector, idAttribute }) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        await frame();
        await frame();
        const root = document.querySelector(list);
        const scroller = root?.querySelector('.nut-virtuallist') as HTMLElement | null;
        const ids = Array.from(root?.querySelectorAll(itemSelector) ?? []).map(
          (e) => e.getAttribute(idAttribute) ?? '',
        );
        return {
          ids,
          ended: Boolean(root?.querySelector(`[data-testid$="-end"]`)),
          scrollTop: scroller?.scrollTop ?? 0,
          bottom: scroller ? scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 : true,
          phantom: (root?.querySelector('.nut-virtuallist-phantom') as HTMLElement | null)?.offsetHeight ?? 0,
        };
      },
      { list, itemSelector, idAttribute },
    );
    result.maxRendered = Math.max(result.maxRendered, snapshot.ids.length);
    const once = new Set(snapshot.ids);
    if (once.size !== snapshot.ids.length) {
      result.duplicates.push(...snapshot.ids.filter((id, i) => snapshot.ids.indexOf(id) !== i));
    }
    for (const id of snapshot.ids) {
      if (!seen.has(id)) {
        seen.add(id);
        result.seen.push(id);
      }
    }
    if (snapshot.bottom && snapshot.ended) break;
    if (snapshot.bottom) {
      // At the bottom with more to come: the next page is on its way; wait for the list to grow.
      await page.waitForFunction(
        ({ list, phantom }) =>
          ((document.querySelector(`${list} .nut-virtuallist-phantom`) as HTMLElement | null)?.offsetHeight ?? 0) >
            phantom || Boolean(document.querySelector(`${list} [data-testid$="-end"]`)),
        { list, phantom: snapshot.phantom },
        { timeout: 10_000 },
      );
      continue;
    }
    await page.evaluate((list) => {
      const scroller = document.querySelector(`${list} .nut-virtuallist`) as HTMLElement;
      // The list renders every row in view plus overscan below, so a screen and one row skips none.
      const row = (scroller.querySelector('.nut-virtuallist-item') as HTMLElement | null)?.offsetHeight ?? 0;
      scroller.scrollTop += scroller.clientHeight + row;
    }, list);
  }
  return result;
}

/** Rows whose content is taller than the fixed row it must fit (a virtual list places rows by arithmetic). */
async function overflowingRows(page: Page, rowSelector: string): Promise<string[]> {
  return page.evaluate(
    (rowSelector) =>
      Array.from(document.querySelectorAll<HTMLElement>(rowSelector))
        .filter((row) => row.offsetParent !== null && row.scrollHeight > row.clientHeight + 1)
        .map((row) => `${row.scrollHeight}>${row.clientHeight}: ${row.textContent?.slice(0, 30)}`),
    rowSelector,
  );
}

const REPORT_ROWS = '[data-testid="report-list"] .report-card';
const MESSAGE_ROWS = '[data-testid="message-list"] [data-testid="message"] .nut-cell';

describe('h5 in Chromium: long lists stay small in the document and reach every item', () => {
  let e2e: E2E;
  const reportIds: string[] = [];
  beforeAll(async () => {
    e2e = await startE2E();
    // 500 reports filed through the real handler: staff filing for a resident (not day-limited),
    // one second apart so the queue's order is total.
    const staff = e2e.as('demo-staff');
    for (let i = 0; i < ITEMS; i += 1) {
      e2e.clock.advance(1000);
      const photo = await e2e.runtime.files.save({
        bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9]),
        contentType: 'image/jpeg',
        ownerId: 'demo-staff',
      });
      const report = await staff.ok('reports', 'submit', {
        category: 'environment',
        description: `长列表测试第 ${i + 1} 件：楼道堆放杂物`,
        photos: [photo],
        location: { address: `潇湘社区 ${(i % 12) + 1} 号楼` },
        anonymous: false,
        onBehalfOfUserId: 'user-resident',
      });
      reportIds.push(report.id);
    }
    // 500 messages for the volunteer, inserted as the events that send them would.
    await e2e.runtime.store.runTransaction(async (tx) => {
      for (let i = 0; i < ITEMS; i += 1) {
        const { message, outbox } = composeMessage({
          messageId: `m-lists-${i}`,
          outboxId: `o-lists-${i}`,
          userId: 'user-volunteer',
          kind: 'general',
          title: `长列表消息 ${i + 1}`,
          body: '这是一条用于检验消息中心长列表的通知，内容较长时只显示两行，点开后查看详情。',
          link: null,
          at: new Date(e2e.clock.now().getTime() + i * 1000).toISOString(),
        });
        await tx.insert(MESSAGE_COLLECTIONS.messages, message);
        await tx.insert(MESSAGE_COLLECTIONS.outbox, outbox);
      }
    });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('the staff queue: 500 open reports, bounded nodes, every one reached once, in the server’s order', async () => {
    // The server's full order, page by page through the same action the page calls.
    const expected: string[] = [];
    for (let skip = 0; ; skip += 50) {
      const page = await e2e.as('demo-staff').ok('reports', 'queue', { group: 'open', skip, limit: 50 });
      expected.push(...page.items.map((r) => r.id));
      if (!page.hasMore) break;
    }
    expect(expected).toEqual(expect.arrayContaining(reportIds));

    const page = await e2e.pageAs('demo-staff');
    await page.goto(`${e2e.baseUrl}/#/packages/reports/queue/index`);
    // The first page on a busy two-core machine can take a while.
    await expectVisible(page.locator('[data-testid="report-list"] [data-testid^="report-card-"]'), 30_000);
    expect(await overflowingRows(page, REPORT_ROWS)).toEqual([]);
    const result = await scrollToEnd(page, 'report-list', '[data-testid^="report-card-"]', 'data-testid');
    expect(result.duplicates).toEqual([]);
    expect(result.maxRendered).toBeGreaterThan(0);
    expect(result.maxRendered).toBeLessThan(MAX_RENDERED);
    expect(result.seen.map((id) => id.replace('report-card-', ''))).toEqual(expected);
    await expectVisible(page.getByTestId('report-list-end').getByText('没有更多了'));
    console.log(`queue: ${result.seen.length} reached, at most ${result.maxRendered} rendered at once`);
    await e2e.screenshot(page, 'lists-queue-end');
  });

  it('the message centre: 500 messages, bounded nodes, every one reached once, newest first', async () => {
    const total = await e2e.runtime.store.count(MESSAGE_COLLECTIONS.messages, { userId: 'user-volunteer' });
    expect(total).toBeGreaterThanOrEqual(ITEMS);

    const page = await e2e.pageAs('demo-volunteer');
    await page.goto(`${e2e.baseUrl}/#/packages/profile/messages/index`);
    // The first page on a busy two-core machine can take a while.
    await expectVisible(page.locator('[data-testid="message-list"] [data-testid="message"]'), 30_000);
    expect(await overflowingRows(page, MESSAGE_ROWS)).toEqual([]);
    const result = await scrollToEnd(page, 'message-list', '[data-testid="message"]', 'data-id');
    expect(result.duplicates).toEqual([]);
    expect(result.maxRendered).toBeLessThan(MAX_RENDERED);
    expect(result.seen).toHaveLength(total);
    // Newest first: ours are the newest, the last of them first and the first of them last.
    expect(result.seen.slice(0, ITEMS)).toEqual(Array.from({ length: ITEMS }, (_, i) => `m-lists-${ITEMS - 1 - i}`));
    await expectVisible(page.getByTestId('message-list-end').getByText('没有更多了'));
    console.log(`messages: ${result.seen.length} reached, at most ${result.maxRendered} rendered at once`);
    await e2e.screenshot(page, 'lists-messages-end');
  });

  it('in 关怀模式 the larger text still fits the taller fixed rows', async () => {
    const page = await e2e.pageAs('demo-staff');
    // Taro's h5 storage keeps values as {data}; the switch in 我的 writes the same.
    await page.evaluate(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
    await page.goto(`${e2e.baseUrl}/#/packages/reports/queue/index`);
    await page.reload();
    await expectVisible(page.locator(REPORT_ROWS), 30_000);
    expect(await page.evaluate(() => document.documentElement.classList.contains('care'))).toBe(true);
    expect(await overflowingRows(page, REPORT_ROWS)).toEqual([]);
    await e2e.screenshot(page, 'lists-queue-care');
    // The volunteer has the 500 messages.
    const volunteer = await e2e.pageAs('demo-volunteer');
    await volunteer.evaluate(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
    await volunteer.goto(`${e2e.baseUrl}/#/packages/profile/messages/index`);
    await volunteer.reload();
    await expectVisible(volunteer.locator(MESSAGE_ROWS), 30_000);
    expect(await overflowingRows(volunteer, MESSAGE_ROWS)).toEqual([]);
    await e2e.screenshot(volunteer, 'lists-messages-care');
  });
});
