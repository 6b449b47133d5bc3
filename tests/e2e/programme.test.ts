import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDoc } from '../../cloudfunctions/_core/domain/people';
import type { AppointmentDoc } from '../../cloudfunctions/_core/domain/sages';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/** NutUI buttons render inside taro-button-core: click the .nut-button itself. */
const press = (page: Page, testId: string) => page.getByTestId(testId).locator('.nut-button').first().click();
const confirmDialog = (page: Page) => page.locator('.nut-dialog-footer-ok').first().click();

describe('h5 in Chromium: the street designates tip officers and keeps 乡贤 terms', () => {
  let e2e: E2E;
  const grantsOf = async (userId: string) =>
    ((await e2e.runtime.store.get<UserDoc>('users', userId)) as UserDoc).grants;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('举报受理员: list per scheme → designate a community officer with a confirmation → they get the desk → revoke', async () => {
    const street = await e2e.pageAs('demo-admin');
    await street.getByText('举报受理员', { exact: true }).click();
    await expectVisible(street.getByTestId('officer-list').getByText('赵警官'));
    await street.getByTestId('officer-schemes').getByText('见义勇为人员奖励', { exact: true }).click();
    await expectVisible(street.getByTestId('officer-list').getByText('孙主任'));

    await press(street, 'officer-add');
    await street.getByTestId('officer-area').getByText('潇湘社区', { exact: true }).click();
    await street.getByTestId('officer-from').getByText('潇湘社区', { exact: true }).click();
    await street.getByTestId('officer-person-user-volunteer').locator('.nut-button').click();
    await expectVisible(street.getByText(/指定 小李 为「见义勇为人员奖励」举报受理员（潇湘社区）/));
    await confirmDialog(street);
    const row = street.getByTestId('officer-row').filter({ hasText: '小李' });
    await expectVisible(row.getByText('潇湘社区', { exact: true }));
    await e2e.screenshot(street, 'tips-officers');
    expect(await grantsOf('user-volunteer')).toContainEqual({
      role: 'tip_officer',
      scheme: 'heroic',
      communityId: 'community-xiaoxiang',
    });

    // The new officer finds the desk on the home page.
    const volunteer = await e2e.pageAs('demo-volunteer');
    await volunteer.getByText('举报受理', { exact: true }).click();
    await expectVisible(volunteer.getByText('暂无举报'));

    await press(street, 'officer-revoke-user-volunteer');
    await expectVisible(street.getByText(/撤销 小李 的「见义勇为人员奖励」举报受理员指定/));
    await confirmDialog(street);
    await expectVisible(street.getByText('已撤销'));
    await expect.poll(async () => street.getByTestId('officer-row').filter({ hasText: '小李' }).count()).toBe(0);
    expect((await grantsOf('user-volunteer')).some((g) => g.role === 'tip_officer')).toBe(false);
  });

  it('乡贤任期: the roster with stations and term ends → renew to a day picked on the wheel → remove with a reason', async () => {
    const street = await e2e.pageAs('demo-admin');
    await street.getByText('乡贤任期', { exact: true }).click();
    await street.getByTestId('term-communities').getByText('潇湘社区', { exact: true }).click();
    const row = street.getByTestId('term-row').filter({ hasText: '刘老先生' });
    await expectVisible(row.getByText('潇湘社区乡贤监督工作站'));
    await expectVisible(row.getByText('在任'));
    const before = (await e2e.runtime.store.get<AppointmentDoc>('sage_appointments', 'appointment-demo-sage'))
      ?.termEnd as string;

    await row.locator('.row-head').click();
    // The wheel opens on the proposed day (three years on); confirming it picks that day.
    const proposed = ((await row.getByTestId('term-end').locator('.time-field').textContent()) ?? '').trim();
    // Shown in words (2029年1月5日), as every date the app shows.
    expect(proposed).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await row.getByTestId('term-end').locator('.time-field').click();
    await street.locator('.nut-picker-confirm-btn').first().click();
    await row.getByTestId('term-reason').locator('input').fill('任期内履职认真，群众认可');
    await press(street, 'term-renew');
    await expectVisible(street.getByText(new RegExp(`任期至 ${proposed}`)));
    await confirmDialog(street);
    await expectVisible(row.getByText(new RegExp(`至 ${proposed}（`)));
    const renewed = (await e2e.runtime.store.get<AppointmentDoc>('sage_appointments', 'appointment-demo-sage'))
      ?.termEnd as string;
    expect(renewed > before).toBe(true);

    await row.locator('.row-head').click();
    await row.getByTestId('term-reason').locator('input').fill('连续半年未参加监督活动');
    await press(street, 'term-remove');
    await confirmDialog(street);
    await expectVisible(row.getByText('已解聘'));
    await expectVisible(row.getByText('解聘理由：连续半年未参加监督活动'));
    await e2e.screenshot(street, 'sages-terms');
    expect((await grantsOf('user-sage')).some((g) => g.role === 'sage')).toBe(false);
  });
});
