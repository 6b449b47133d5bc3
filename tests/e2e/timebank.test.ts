import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E, tapNut } from '../support/e2e';

const MIN = 60_000;

describe('h5 in Chromium: the volunteer time bank', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('volunteer signs up, checks in and out with the organiser’s code; confirmation updates points and star', async () => {
    const now = e2e.clock.now().getTime();
    const activity = await e2e.as('demo-staff').ok('timebank', 'activity.create', {
      title: '社区花园除草',
      place: '小巷社区中心花园',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 90 * MIN).toISOString(),
      slots: 5,
    });

    const volunteer = await e2e.pageAs('demo-volunteer');
    await volunteer.getByText('志愿活动', { exact: true }).click();
    await volunteer.locator('[data-testid="activity-item"][data-title="社区花园除草"]').click();
    await tapNut(volunteer, '我要报名');
    await expectVisible(volunteer.getByTestId('my-signup').getByText('已报名'));
    await e2e.screenshot(volunteer, 'timebank-activity');

    const organiser = await e2e.pageAs('demo-staff');
    await organiser.goto(`${e2e.baseUrl}/#/packages/volunteer/activity/index?id=${activity.id}`);
    await tapNut(organiser, '出示签到码');
    const shown = organiser.getByTestId('checkin-code-shown');
    await expectVisible(shown);
    const code = (await shown.textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await e2e.screenshot(organiser, 'timebank-code');

    await volunteer.getByTestId('checkin-code').locator('input').fill(code);
    await tapNut(volunteer, /^签到$/);
    await expectVisible(volunteer.getByTestId('my-signup').getByText('签到：', { exact: false }));

    // An hour later the old code has expired: the organiser's screen shows the current one.
    e2e.clock.advance(60 * MIN);
    await organiser.reload();
    await expectVisible(organiser.getByTestId('checkin-code-shown'));
    const later = (await organiser.getByTestId('checkin-code-shown').textContent())?.trim() ?? '';
    await volunteer.getByTestId('checkin-code').locator('input').fill(later);
    await tapNut(volunteer, /^签退$/);
    await expectVisible(volunteer.getByTestId('my-signup').getByText('签退：', { exact: false }));

    await organiser.goto(`${e2e.baseUrl}/#/packages/volunteer/confirm/index?id=${activity.id}`);
    const row = organiser.locator('[data-testid="attendance-item"][data-name="李晓明"]');
    await expectVisible(row.getByText('实计 60 分钟', { exact: false }));
    await row.getByTestId('attendance-confirm').locator('.nut-button').click();
    await organiser.locator('.nut-dialog .nut-button', { hasText: '确定' }).click();
    await expectVisible(row.getByText('确认 60 分钟，2 积分'));

    // 19 h 10 min seeded + 60 min = 20 h 10 min: the first star; 38 + 2 points.
    await volunteer.goto(`${e2e.baseUrl}/#/packages/volunteer/me/index`);
    await expectVisible(volunteer.locator('[data-testid="volunteer-stars"][data-stars="1"]'));
    await expectVisible(volunteer.getByTestId('volunteer-points').getByText('40'));
    await expectVisible(volunteer.getByTestId('volunteer-hours').getByText('20'));
    await e2e.screenshot(volunteer, 'timebank-card');
  });
});
