import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../cloudfunctions/_core/domain/deliberation/model';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** NutUI buttons render inside taro-button-core: click the .nut-button itself. */
const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

describe('h5 in Chromium: council meetings, topics and oversight across roles', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('staff publishes a meeting → resident registers and checks in → staff records minutes → outcome visible', async () => {
    // The form proposes tomorrow evening by the browser's clock; the server's clock must agree.
    e2e.clock.set(new Date());
    // Staff create and publish a meeting.
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/council/manage/index`);
    await press(staff, 'create-meeting');
    await staff.getByTestId('meeting-title').locator('input').fill('垃圾分类投放点调整议事');
    await staff.getByTestId('meeting-place').locator('input').fill('社区议事厅');
    await staff.getByTestId('meeting-agenda').locator('textarea').fill('投放点位置\n投放时间');
    await staff.getByTestId('meeting-limit').locator('input').fill('30');
    await press(staff, 'save-publish');
    await confirmDialog(staff);
    await expectVisible(staff.getByTestId('checkin-code-shown'));
    const code = (await staff.getByTestId('checkin-code-shown').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const [meeting] = await e2e.runtime.store.find<MeetingDoc>('meetings', { title: '垃圾分类投放点调整议事' });
    expect(meeting?.status).toBe('published');
    expect(meeting?.checkInCode).toBe(code);
    if (!meeting) return;

    // The resident finds it unread at the top of the notices, registers, and checks in at the meeting.
    const resident = await e2e.pageAs('demo-resident');
    const onHome = resident.getByTestId('home-notice').filter({ hasText: '垃圾分类投放点调整议事' });
    await expectVisible(onHome);
    expect(await onHome.getAttribute('data-unread')).toBe('true');
    await resident.goto(`${e2e.baseUrl}/#/packages/council/notices/index`);
    const notice = resident.getByTestId('notice-item').filter({ hasText: '垃圾分类投放点调整议事' });
    await expectVisible(notice);
    expect(await notice.getAttribute('data-unread')).toBe('true');
    await notice.click();
    await press(resident, 'register');
    await expectVisible(resident.getByTestId('registered'));
    e2e.clock.set(new Date(meeting.startsAt));
    await resident.getByTestId('checkin-code').locator('input').fill(code);
    await press(resident, 'checkin');
    await expectVisible(resident.getByTestId('checked-in'));

    // Staff record the minutes with an outcome per agenda item.
    await staff.goto(`${e2e.baseUrl}/#/packages/council/meeting/index?id=${meeting._id}`);
    await expectVisible(staff.getByTestId('attendance').getByText('张阿姨'));
    await expectVisible(staff.getByTestId('attendance').getByText('138****0001'));
    await press(staff, 'record-minutes');
    await staff.getByTestId('minutes-attendee-count').locator('input').fill('28');
    const first = staff.getByTestId('minutes-agenda-a1');
    await first.locator('[data-value="基础设施建设"] .nut-button').click();
    await first.getByTestId('minutes-decision').locator('textarea').fill('投放点移至 2 号门东侧，加装洗手池');
    const second = staff.getByTestId('minutes-agenda-a2');
    await second.locator('[data-value="公共服务"] .nut-button').click();
    await second.getByTestId('minutes-decision').locator('textarea').fill('早 7-9 点、晚 6-8 点定时投放，志愿者值守');
    await press(staff, 'minutes-submit');
    await confirmDialog(staff);
    await expectVisible(staff.getByTestId('meeting-minutes'));

    // The outcome is there for the resident.
    await resident.goto(`${e2e.baseUrl}/#/packages/council/meeting/index?id=${meeting._id}`);
    await resident.reload();
    await expectVisible(resident.getByTestId('meeting-minutes'));
    await expectVisible(resident.getByTestId('minutes-attendees').getByText('实到 28 人（扫码签到 1 人）'));
    const outcomes = resident.getByTestId('meeting-outcome');
    await expectVisible(outcomes.filter({ hasText: '基础设施建设' }).getByText('投放点移至 2 号门东侧，加装洗手池'));
    await expectVisible(outcomes.filter({ hasText: '公共服务' }).getByText('早 7-9 点、晚 6-8 点定时投放，志愿者值守'));
    expect(await resident.getByTestId('meeting-status').textContent()).toBe('已召开');
    await e2e.screenshot(resident, 'council-outcome-resident');
  }, 90_000);
  it('a resident’s topic gets an answer they can read; a sage’s opinion gets an answer they can read', async () => {
    e2e.clock.set(new Date());
    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/council/propose/index`);
    await resident.getByTestId('topic-title').locator('input').fill('社区食堂增加晚餐');
    await resident
      .getByTestId('topic-body')
      .locator('textarea')
      .fill('老年食堂只供午餐，希望增加晚餐供应，方便独居老人。');
    await press(resident, 'topic-submit');
    const mine = resident.getByTestId('topic-item').filter({ hasText: '社区食堂增加晚餐' });
    await expectVisible(mine.getByText('待答复'));

    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/council/topics/index`);
    const item = staff.getByTestId('topic-item').filter({ hasText: '社区食堂增加晚餐' });
    await item.locator('.nut-button', { hasText: '答复' }).click();
    await item.locator('[data-value="accepted"] .nut-button').click();
    await item.locator('textarea').fill('下月起试点晚餐供应，每餐 8 元');
    await item.locator('.nut-button', { hasText: '提交答复' }).click();
    await confirmDialog(staff);
    await expectVisible(item.getByTestId('topic-answer'));

    await resident.reload();
    const answered = resident.getByTestId('topic-item').filter({ hasText: '社区食堂增加晚餐' });
    await expectVisible(answered.getByTestId('topic-answer').getByText('下月起试点晚餐供应，每餐 8 元'));
    await expectVisible(answered.getByText('已采纳'));

    const sage = await e2e.pageAs('demo-sage');
    await sage.goto(`${e2e.baseUrl}/#/packages/council/procedure/index?id=procedure-demo-playground`);
    await expectVisible(sage.getByTestId('step-committees').getByText('两委联席会议商议，预算 18 万元'));
    await sage.locator('.nut-button', { hasText: '提出监督意见' }).click();
    await sage.getByTestId('opinion-form').locator('textarea').fill('请公布三家供应商的比价结果。');
    await sage.getByTestId('opinion-form').locator('.nut-button').click();
    await confirmDialog(sage);
    const filed = sage.getByTestId('opinion-item').filter({ hasText: '请公布三家供应商的比价结果。' });
    await expectVisible(filed.getByText('待答复'));

    await staff.goto(`${e2e.baseUrl}/#/packages/council/opinions/index`);
    const open = staff.getByTestId('opinion-item').filter({ hasText: '请公布三家供应商的比价结果。' });
    await open.locator('.nut-button', { hasText: '答复' }).click();
    await open.locator('textarea').fill('比价结果已在公开栏财务公开中公布。');
    await open.locator('.nut-button', { hasText: '提交答复' }).click();
    await confirmDialog(staff);

    await sage.reload();
    await expectVisible(
      sage
        .getByTestId('opinion-item')
        .filter({ hasText: '请公布三家供应商的比价结果。' })
        .getByText('比价结果已在公开栏财务公开中公布。'),
    );
    await e2e.screenshot(sage, 'council-opinion-answered');
  }, 90_000);
  it('staff record a 四议两公开 vote step by step and publish a notice with a PDF on the board', async () => {
    e2e.clock.set(new Date());
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/council/procedure/index?id=procedure-demo-playground`);
    const form = staff.getByTestId('record-step');
    await expectVisible(form.getByText('登记下一步：党员大会审议'));
    const counts = form.getByTestId('vote').locator('input');
    await counts.nth(0).fill('30');
    await counts.nth(1).fill('20');
    await counts.nth(2).fill('11');
    await form.locator('textarea').fill('党员大会审议改造方案');
    await form.locator('.nut-button', { hasText: '登记' }).click();
    await confirmDialog(staff);
    await expectVisible(
      staff.getByTestId('step-party_review').getByText('党员大会：应到 30 人，实到 20 人，赞成 11 人 —— 通过'),
    );
    await expectVisible(staff.getByTestId('record-step').getByText('登记下一步：村（居）民会议或代表会议决议'));

    await staff.goto(`${e2e.baseUrl}/#/packages/council/publish/index`);
    await staff.locator('[data-value="finance"] .nut-button').click();
    await staff.getByTestId('disclosure-title').locator('input').fill('游乐设施采购比价结果');
    await staff.getByTestId('disclosure-body').locator('textarea').fill('三家供应商报价见附件，选定报价最低者。');
    await staff
      .getByTestId('disclosure-file')
      .locator('input[type=file]')
      .setInputFiles({
        name: '比价表.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% demo\n'),
      });
    await expectVisible(staff.getByText('比价表.pdf'));
    await press(staff, 'disclosure-submit');
    await confirmDialog(staff);

    const resident = await e2e.pageAs('demo-resident');
    await resident.goto(`${e2e.baseUrl}/#/packages/council/board/index`);
    // Let the first page of the board settle before narrowing it (a loaded machine re-renders late).
    await expectVisible(resident.getByTestId('disclosure-item'));
    await resident.getByTestId('board-filter').locator('[data-value="finance"] .nut-button').click();
    const item = resident.getByTestId('disclosure-item').filter({ hasText: '游乐设施采购比价结果' });
    await expectVisible(item.getByText('附件 1'));
    await item.click();
    await expectVisible(resident.getByTestId('disclosure-detail').getByText('查看附件：比价表.pdf'));
  }, 90_000);
});
