import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage, MESSAGE_COLLECTIONS } from '../../cloudfunctions/_core/domain/messages';
import { type E2E, expectVisible, startE2E, tapNut } from '../support/e2e';

/**
 * 长辈版 beyond the page: the confirm dialogs, the stepper inside one, the date wheel and Taro's own
 * modal, each opened in care mode the way a person opens them, and every control in the overlay
 * measured (≥ 44 × 44 px) with its text scaled (≥ 16 px; 19 px is care mode's body text).
 */
interface Overlay {
  controls: string[];
  smallText: string[];
  found: number;
}

/** The overlays on screen (NutUI dialogs, popups and pickers; Taro's h5 modal) and what is too small in them. */
async function measureOverlays(page: Page): Promise<Overlay> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const roots = [...document.querySelectorAll('.nut-dialog, .nut-popup, .taro-modal__content')].filter(visible);
    const controls = [
      '.nut-button',
      '.nut-dialog-footer-cancel',
      '.nut-dialog-footer-ok',
      '.nut-picker-cancel-btn',
      '.nut-picker-confirm-btn',
      '.nut-inputnumber-minus',
      '.nut-inputnumber-add',
      '.nut-actionsheet-item',
      '.nut-popup-close',
      '.nut-dialog-close',
      '.taro-modal__btn',
      '.taro-modal__foot > *',
      '[role="button"]',
      '.chip',
      'input:not([type="hidden"])',
    ].join(', ');
    const small: string[] = [];
    const smallText: string[] = [];
    const label = (el: Element) =>
      `${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 10) || el.tagName} .${[...el.classList].slice(0, 2).join('.')}`;
    for (const root of roots) {
      for (const el of root.querySelectorAll(controls)) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 43.5 || r.height < 43.5)
          small.push(`${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || !visible(parent)) continue;
        const size = Number.parseFloat(getComputedStyle(parent).fontSize);
        if (size < 16) smallText.push(`「${node.textContent.trim().slice(0, 10)}」 ${size}px .${parent.className}`);
      }
    }
    return { controls: small, smallText, found: roots.length };
  });
}

describe('h5 in Chromium: 长辈版 dialogs, steppers, pickers and modals reach every control', () => {
  let e2e: E2E;
  const findings: string[] = [];
  const pages = new Map<string, Page>();
  beforeAll(async () => {
    e2e = await startE2E();
    // A message for 张阿姨 (the demo seeds none for her): the message centre's dialog opens on it.
    const { message, outbox } = composeMessage({
      messageId: 'm-care-1',
      outboxId: 'o-care-1',
      userId: 'user-resident',
      kind: 'general',
      title: '议事会通知',
      body: '下周三晚上七点在社区活动室召开院坝会，商量三号楼加装电梯的费用分摊，请准时参加。',
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

  async function phone(persona: string): Promise<Page> {
    const known = pages.get(persona);
    if (known) return known;
    const page = await e2e.pageAs(persona);
    await page.evaluate(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('care'));
    pages.set(persona, page);
    return page;
  }

  async function check(page: Page, what: string, shot?: string): Promise<void> {
    await page.waitForTimeout(350); // the overlay's opening transition
    const measured = await measureOverlays(page);
    expect(measured.found, `${what}: no overlay opened`).toBeGreaterThan(0);
    for (const c of measured.controls) findings.push(`${what}: control ${c}`);
    for (const t of measured.smallText) findings.push(`${what}: text ${t}`);
    console.log(`care dialog ${what}: ${measured.controls.length + measured.smallText.length} findings`);
    if (shot) await page.screenshot({ path: `/work/brief/shots/${shot}` });
  }

  const open = async (page: Page, route: string) => {
    await page.goto(`${e2e.baseUrl}/#/${route}`);
    await page.waitForLoadState('networkidle');
  };

  it('opens each overlay a resident, a volunteer and staff meet, and measures it', async () => {
    const resident = await phone('demo-resident');

    // 爱心超市: the confirm dialog with its quantity stepper.
    await open(resident, 'packages/greencoin/shop/index');
    await resident.getByTestId('goods-redeem').first().locator('.nut-button').click();
    await expectVisible(resident.getByTestId('redeem-confirm'));
    await check(resident, '爱心超市 确认兑换', 'residents-care-redeem-dialog.png');
    await tapNut(resident, '再想想');

    // 代办: revoking a helper is confirmed first.
    await open(resident, 'packages/care/proxy/index');
    await resident.getByTestId('proxy-given-user-gridworker').locator('.nut-button').click();
    await expectVisible(resident.getByText('撤销代办授权'));
    await check(resident, '代办 撤销授权');
    await resident.locator('.nut-dialog-footer-cancel').click();

    // 消息: the whole message in a dialog.
    await open(resident, 'packages/profile/messages/index');
    await resident.getByTestId('message').first().locator('.nut-cell').click();
    await expectVisible(resident.getByTestId('message-full'));
    await check(resident, '消息 全文');
    await resident.locator('.nut-dialog-footer-ok, .nut-dialog-footer-cancel').last().click();

    // 我的: switching identity is confirmed.
    await open(resident, 'pages/me/index');
    await tapNut(resident, '切换体验身份');
    await expectVisible(resident.getByText('将退出当前身份并回到选择页面。'));
    await check(resident, '我的 切换身份');
    await resident.locator('.nut-dialog-footer-cancel').click();

    // 随手拍: clearing a restored draft is confirmed (the app's one dialog, once Taro's own modal).
    await open(resident, 'pages/report/index');
    await resident.getByTestId('report-description').locator('textarea').fill('楼道灯坏了，晚上看不见台阶。');
    await resident.reload();
    await expectVisible(resident.getByTestId('draft-restored'));
    await resident.getByTestId('draft-restored').locator('.nut-button').click();
    await expectVisible(resident.getByText('清空这份草稿？'));
    await check(resident, '随手拍 清空草稿');
    await resident.locator('.nut-dialog-footer-cancel').click();

    // 评价: the five-level rating is confirmed before the case closes (the volunteer's own report).
    const volunteer = await phone('demo-volunteer');
    await open(volunteer, 'packages/reports/detail/index?id=report-demo-clinic');
    await volunteer.getByText('非常满意', { exact: true }).click();
    await tapNut(volunteer, '提交评价');
    await expectVisible(volunteer.getByText('评价后事项将办结。'));
    await check(volunteer, '工单 评价确认');
    await volunteer.locator('.nut-dialog-footer-cancel').click();

    // 发布活动: the date wheel (TimeField → NutUI DatePicker).
    const staff = await phone('demo-staff');
    await open(staff, 'packages/volunteer/create/index');
    await staff.locator('.time-field').first().click();
    await expectVisible(staff.locator('.nut-picker').first());
    await check(staff, '发布活动 选择时间', 'residents-care-date-picker.png');

    console.log(`care dialogs: ${findings.length} findings\n${findings.join('\n')}`);
    expect(findings).toEqual([]);
  }, 180_000);
});
