import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportInput } from '../functions/reports.support';
import { key } from '../greencoin/support';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

const MIN = 60_000;
const SHOTS = '/work/brief/shots';
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

describe('h5 in Chromium: staff workbench, QR codes, batch confirmation, exports', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** A screenshot for the test run and, when the brief's folder exists, a copy for the lead's note. */
  async function shot(page: Page, name: string) {
    await e2e.screenshot(page, name);
    try {
      mkdirSync(SHOTS, { recursive: true });
      copyFileSync(path.resolve(__dirname, '..', '..', '.data', 'screenshots', `${name}.png`), `${SHOTS}/${name}.png`);
    } catch {
      // Outside this machine the copy is not needed.
    }
  }

  it('a staff member clears the workbench: the opinion waiting first is answered in one tap from home', async () => {
    const meetings = await e2e.as('demo-sage').ok('deliberation', 'meeting.list', {});
    const meeting = meetings.items[0];
    if (!meeting) throw new Error('no seeded meeting');
    await e2e.as('demo-sage').ok('deliberation', 'opinion.file', {
      targetKind: 'meeting',
      targetId: meeting.id,
      body: '会议签到表请附在纪要后公开。',
    });
    await e2e
      .as('demo-resident')
      .ok('reports', 'submit', await reportInput(e2e, { description: '2 号楼后面的绿化带有人倾倒建筑垃圾' }));

    const staff = await e2e.pageAs('demo-staff');
    const bench = staff.getByTestId('workbench');
    await expectVisible(bench);
    await expectVisible(bench.getByTestId('workbench-reports'));
    const opinions = bench.getByTestId('workbench-opinions');
    await expectVisible(opinions.getByText('会议签到表请附在纪要后公开', { exact: false }));
    await expectVisible(opinions.getByText('截止', { exact: false }));
    // The workbench comes before the resident entries.
    const benchBox = await bench.boundingBox();
    const gridBox = await staff.getByText('常用功能').boundingBox();
    expect((benchBox?.y ?? 0) < (gridBox?.y ?? 0)).toBe(true);
    await shot(staff, 'staff-workbench');

    const before = Number(await opinions.getAttribute('data-count'));
    await opinions.getByTestId('workbench-item').filter({ hasText: '会议签到表' }).click();
    const item = staff.getByTestId('opinion-item').filter({ hasText: '会议签到表请附在纪要后公开。' });
    // Its answer-by date, stored when filed, is on the staff list too.
    await expectVisible(item.getByTestId('opinion-deadline').getByText('答复期限', { exact: false }));
    await item.locator('.nut-button', { hasText: '答复' }).click();
    await item.locator('textarea').fill('签到表已扫描附在纪要后，见公开栏。');
    await item.locator('.nut-button', { hasText: '提交答复' }).click();
    await confirmDialog(staff);
    // Answered, it leaves the 待答复 list.
    await expect.poll(async () => item.count()).toBe(0);
    await staff.goBack();
    if (before > 1) {
      await expect.poll(async () => Number(await opinions.getAttribute('data-count'))).toBe(before - 1);
    } else {
      await expect.poll(async () => opinions.count()).toBe(0);
    }
  });

  it('pickup: the approved redemption shows a QR code with place, hours and deadline; staff confirm by the code', async () => {
    const asked = await e2e.as('demo-resident').ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    await e2e.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/greencoin/redemptions/index`);
    const card = resident.locator('[data-testid="redemption-item"][data-status="approved"]').first();
    const code = card.getByTestId('pickup-code');
    await expectVisible(code.getByTestId('qr'));
    const qrText = (await code.getByTestId('qr').getAttribute('data-text')) ?? '';
    expect(qrText).toMatch(/^GZ1\|pickup\|\d{6}$/);
    // The QR image really rendered (a GIF data URI decoded by the browser, not a broken image).
    const natural = await code.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(natural).toBeGreaterThan(50);
    await expectVisible(
      card.getByTestId('pickup-info').getByText('潇湘社区党群服务中心一楼爱心超市', { exact: false }),
    );
    await expectVisible(card.getByTestId('pickup-info').getByText('前领取', { exact: false }));
    await card.scrollIntoViewIfNeeded();
    await shot(resident, 'staff-qr-pickup');

    const digits = qrText.split('|')[2] ?? '';
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/greencoin/pickup/index`);
    await staff.getByTestId('pickup-input').locator('input').fill(digits);
    await staff.getByTestId('pickup-confirm').locator('.nut-button').click();
    await expectVisible(staff.getByTestId('pickup-done'));
  });

  it('batch confirmation: measured minutes proposed; a 0-minute attendance needs a reason before 120 is confirmed', async () => {
    const now = e2e.clock.now().getTime();
    const activity = await e2e.as('demo-staff').ok('timebank', 'activity.create', {
      title: '重阳节敬老慰问',
      place: '小巷社区日间照料中心',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 150 * MIN).toISOString(),
      slots: 10,
    });
    // The volunteer checks in on the QR screen's code and out; a second signs up and never comes.
    await e2e.as('demo-volunteer').ok('timebank', 'activity.signUp', { activityId: activity.id });
    await e2e.as('demo-resident').ok('timebank', 'volunteer.register', {
      realName: '张阿姨',
      skills: [],
      availability: '周末',
      consent: true,
    });
    await e2e.as('demo-resident').ok('timebank', 'activity.signUp', { activityId: activity.id });
    const organiser = await e2e.pageAs('demo-staff');
    e2e.clock.advance(30 * MIN);
    await organiser.goto(`${e2e.baseUrl}/#/packages/volunteer/code/index?id=${activity.id}`);
    await expectVisible(organiser.getByTestId('qr'));
    const shown = (await organiser.getByTestId('qr').getAttribute('data-text')) ?? '';
    const digits = (await organiser.getByTestId('checkin-code-shown').textContent())?.trim();
    expect(shown).toBe(`GZ1|checkin|${activity.id}|${digits}`);
    const code = shown.split('|')[3] ?? '';
    await e2e.as('demo-volunteer').ok('timebank', 'attendance.checkIn', { activityId: activity.id, code });
    e2e.clock.advance(100 * MIN);
    const out = (await e2e.as('demo-staff').ok('timebank', 'attendance.code', { activityId: activity.id })).code;
    await e2e.as('demo-volunteer').ok('timebank', 'attendance.checkOut', { activityId: activity.id, code: out });
    e2e.clock.advance(30 * MIN);

    await organiser.goto(`${e2e.baseUrl}/#/packages/volunteer/confirm/index?id=${activity.id}`);
    const row = organiser.locator('[data-testid="attendance-item"][data-name="李晓明"]');
    await expectVisible(row.getByText('实计 100 分钟', { exact: false }));
    expect(await row.getByTestId('attendance-minutes').locator('input').inputValue()).toBe('100');
    // The no-show is proposed 0 minutes; typing 120 warns and asks for a reason, and waits for it.
    const absent = organiser.locator('[data-testid="attendance-item"][data-name="张阿姨"]');
    expect(await absent.getByTestId('attendance-minutes').locator('input').inputValue()).toBe('0');
    await absent.getByTestId('attendance-minutes').locator('input').fill('120');
    await expectVisible(absent.getByTestId('attendance-warning').getByText('没有签到签退记录', { exact: false }));
    await expectVisible(organiser.getByTestId('confirm-all').getByText('全部确认（1/2 人）', { exact: false }));
    await absent.getByTestId('attendance-reason').locator('input').fill('手机没电未能签到，组织者核实全程在场');
    await expectVisible(organiser.getByTestId('confirm-all').getByText('全部确认（2/2 人）', { exact: false }));
    await shot(organiser, 'staff-batch-confirm');
    await organiser.getByTestId('confirm-all').locator('.nut-button').click();
    await confirmDialog(organiser);
    await expectVisible(row.getByText('确认 100 分钟，3 积分'));
    await expectVisible(absent.getByText('确认 120 分钟，4 积分'));
  });

  it('导出表格 downloads a file Excel reads as UTF-8 (BOM) with the Chinese headers', async () => {
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/admin/dashboard/index`);
    await expectVisible(staff.getByTestId('dashboard-figures'));
    // Words the staff know, not the file format's name.
    await expectVisible(staff.getByTestId('export-figures').getByText('导出表格', { exact: true }));
    expect(await staff.getByText('CSV').count()).toBe(0);
    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByTestId('export-figures').locator('.nut-button').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^统计_潇湘社区_.*\.csv$/);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    expect(text.split('\r\n')[0]).toBe('类别,指标,数值');
    expect(text).toContain('事项,上报总数,');
  });

  it('乡贤 file a supervision opinion from their home in one tap', async () => {
    const sage = await e2e.pageAs('demo-sage');
    const card = sage.getByTestId('supervision-card');
    await expectVisible(card);
    const target = card.getByTestId('supervise-target').first();
    const title = ((await target.textContent()) ?? '').replace('提出监督意见', '').split(' · ').pop()?.trim() ?? '';
    await target.locator('.nut-button', { hasText: '提出监督意见' }).click();
    await expectVisible(sage.getByTestId('opinion-form'));
    await expectVisible(sage.getByTestId('opinion-form').getByText(title, { exact: false }));
  });

  it('the city administrator’s dashboard opens on the city', async () => {
    const admin = await e2e.pageAs('demo-admin');
    await admin.goto(`${e2e.baseUrl}/#/packages/admin/dashboard/index`);
    await expectVisible(admin.getByTestId('scope-picker').locator('.chip-active', { hasText: '全市' }));
  });

  it('领取设置: staff edit place, hours and days; a wrong draft says why; the resident’s pickup shows the new place', async () => {
    const asked = await e2e.as('demo-resident').ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    await e2e.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });

    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/greencoin/goods/index`);
    await staff.getByTestId('goods-pickup-settings').locator('.nut-button').click();
    const form = staff.getByTestId('pickup-settings');
    await expectVisible(form);
    const place = form.getByTestId('pickup-place').locator('input');
    await expect.poll(async () => place.inputValue()).toBe('潇湘社区党群服务中心一楼爱心超市');
    await place.fill('潇湘社区 3 栋架空层爱心超市');
    await form.getByTestId('pickup-hours').locator('input').fill('每天 8:30–20:00');
    const days = form.getByTestId('pickup-days').locator('input');
    await days.fill('0');
    await expectVisible(form.getByTestId('pickup-problem').getByText('领取期限至少 1 天'));
    await days.fill('5');
    await expect.poll(async () => form.getByTestId('pickup-problem').count()).toBe(0);
    await shot(staff, 'staff-pickup-settings');
    await form.getByTestId('pickup-save').locator('.nut-button').click();
    await expectVisible(staff.getByText('领取设置已保存'));
    expect(await e2e.as('demo-staff').ok('greencoin', 'pickup.get', {})).toMatchObject({
      place: '潇湘社区 3 栋架空层爱心超市',
      hours: '每天 8:30–20:00',
      days: 5,
    });

    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/greencoin/redemptions/index`);
    const info = resident.getByTestId('pickup-info').first();
    await expectVisible(info.getByText('领取地点：潇湘社区 3 栋架空层爱心超市'));
    await expectVisible(info.getByText('开放时间：每天 8:30–20:00'));
    await shot(resident, 'staff-pickup-edited-qr');
  });
});
