import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIBERATION_COLLECTIONS, type RegistrationDoc } from '../../cloudfunctions/_core/domain/deliberation/model';
import { GC_COLLECTIONS, type RedemptionDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** 200% text: the whole page zoomed twice over, as the care-mode suite does. */
const zoom = (page: Page) =>
  page.evaluate(() => {
    document.body.style.zoom = '2';
  });

/** Text pushed past the right edge of the screen (clipped for the reader). */
const offScreenText = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.taro_page *')) {
      if (el.offsetParent === null) continue;
      const text = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent?.trim() ?? '')
        .join('');
      if (text && el.getBoundingClientRect().right > width + 1) bad.push(text.slice(0, 20));
    }
    return bad;
  });

const go = async (page: Page, hash: string) => {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
};

describe('h5 in Chromium: 代办 in the shop and for meetings at 200% text, and voice input for reports', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('王网格 redeems and registers for 张阿姨 (seeded grant) at 200% text; she sees both in her 代办记录', async () => {
    const helper = await e2e.pageAs('demo-gridworker');
    await zoom(helper);
    await go(helper, '#/packages/greencoin/shop/index');
    await expectVisible(helper.getByTestId('shop-for'));
    await helper.getByTestId('shop-for-user-resident').click();
    await expectVisible(helper.getByText('将以「张阿姨」的名义办理', { exact: false }));
    await helper.locator('[data-testid="goods-item"][data-name^="洗衣液"]').locator('.nut-button').click();
    await expectVisible(helper.getByTestId('redeem-for-note'));
    await e2e.screenshot(helper, 'proxy-shop-200');
    // The confirmation fits the screen at 200%: NutUI's fixed 295 px dialog doubled would not.
    const box = await helper.locator('.nut-dialog-outer').boundingBox();
    const width = helper.viewportSize()?.width ?? 0;
    expect(box && box.x >= 0 && box.x + box.width <= width, `dialog ${JSON.stringify(box)} in ${width} px`).toBe(true);
    await helper.locator('.nut-dialog-footer-ok').click();
    await helper.getByTestId('redeem-confirm').waitFor({ state: 'detached', timeout: 10_000 });
    const redemptions = await e2e.runtime.store.find<RedemptionDoc>(
      GC_COLLECTIONS.redemptions,
      { requestedByUserId: 'user-gridworker' },
      { limit: 10 },
    );
    expect(redemptions).toHaveLength(1);
    expect(redemptions[0]).toMatchObject({ userId: 'user-resident', status: 'requested', amount: 30 });
    // Polled: a page sliding in (Taro's h5 transition) is briefly off-screen; clipping stays.
    await expect.poll(() => offScreenText(helper), { timeout: 5000 }).toEqual([]);

    await go(helper, '#/packages/council/meeting/index?id=meeting-demo-charging');
    await helper.getByTestId('meeting-for-user-resident').click();
    await helper.getByTestId('register-for').locator('.nut-button').click();
    await expect
      .poll(() =>
        e2e.runtime.store.get<RegistrationDoc>(
          DELIBERATION_COLLECTIONS.registrations,
          'meeting-demo-charging:user-resident',
        ),
      )
      .toMatchObject({ registeredByUserId: 'user-gridworker' });
    await e2e.screenshot(helper, 'proxy-meeting-200');

    const resident = await e2e.pageAs('demo-resident');
    await zoom(resident);
    await resident.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
    await resident.getByTestId('me-proxy').locator('.nut-cell').click();
    await expectVisible(resident.getByTestId('proxy-given-user-gridworker'));
    await expectVisible(resident.getByTestId('proxy-log-item').getByText(/代您申请兑换：洗衣液/));
    await expectVisible(resident.getByTestId('proxy-log-item').getByText(/代您报名：电动车集中充电议事/));
    expect(
      await resident
        .getByTestId('proxy-log-item')
        .getByText(/王网格/)
        .count(),
    ).toBe(2);
    await expect.poll(() => offScreenText(resident), { timeout: 5000 }).toEqual([]);
    await e2e.screenshot(resident, 'proxy-log-200');
  });

  it('voice input: what the browser hears lands in the description; no button where speech is absent', async () => {
    const page = await e2e.pageAs('demo-resident');
    // A stand-in for the browser's recogniser: an interim result, then the final one.
    await page.addInitScript(() => {
      type Handler = ((e: unknown) => void) | null;
      class FakeRecognition {
        lang = '';
        interimResults = false;
        continuous = false;
        onresult: Handler = null;
        onerror: Handler = null;
        onend: (() => void) | null = null;
        start() {
          const said = (text: string, isFinal: boolean) => ({ results: [{ 0: { transcript: text }, isFinal }] });
          setTimeout(() => this.onresult?.(said('楼道灯坏了', false)), 20);
          setTimeout(() => {
            this.onresult?.(said('楼道灯坏了三天，晚上很黑', true));
            this.onend?.();
          }, 60);
        }
        stop() {
          this.onend?.();
        }
      }
      (window as unknown as { SpeechRecognition: unknown }).SpeechRecognition = FakeRecognition;
    });
    await page.reload();
    await page.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    const description = page.getByTestId('report-description').locator('textarea');
    await description.fill('5 号楼：');
    await page.getByTestId('report-voice').locator('.nut-button').click();
    await expect.poll(() => description.inputValue()).toBe('5 号楼：楼道灯坏了三天，晚上很黑');
    await e2e.screenshot(page, 'report-voice');

    const plain = await e2e.pageAs('demo-resident');
    await plain.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.SpeechRecognition;
      delete w.webkitSpeechRecognition;
    });
    await plain.reload();
    await plain.locator('.taro-tabbar__tabbar').getByText('随手拍', { exact: true }).click();
    await expectVisible(plain.getByTestId('report-description'));
    expect(await plain.getByTestId('report-voice').count()).toBe(0);
  });
});
