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

    // The dedicated check-in screen, from the activity page: one step at a time.
    await volunteer.getByTestId('go-checkin').locator('.nut-button').click();
    await expectVisible(volunteer.locator('[data-testid="checkin-state"][data-phase="checkin"]'));
    await volunteer.getByTestId('checkin-code').locator('input').fill(code);
    await volunteer.getByTestId('checkin-submit').locator('.nut-button').click();
    await expectVisible(volunteer.locator('[data-testid="checkin-state"][data-phase="checkout"]'));
    await e2e.screenshot(volunteer, 'timebank-checkin');

    // An hour later the old code has expired: the organiser's screen shows the current one.
    e2e.clock.advance(60 * MIN);
    await organiser.reload();
    await expectVisible(organiser.getByTestId('checkin-code-shown'));
    const later = (await organiser.getByTestId('checkin-code-shown').textContent())?.trim() ?? '';
    await volunteer.getByTestId('checkin-code').locator('input').fill(later);
    await volunteer.getByTestId('checkin-submit').locator('.nut-button').click();
    await expectVisible(volunteer.locator('[data-testid="checkin-state"][data-phase="pending"]'));

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

  it('the organiser cancels an activity with a reason; the signed-up volunteer sees it', async () => {
    const now = e2e.clock.now().getTime();
    const activity = await e2e.as('demo-staff').ok('timebank', 'activity.create', {
      title: '周末义诊服务',
      place: '小巷社区卫生站',
      startsAt: new Date(now + 24 * 60 * MIN).toISOString(),
      endsAt: new Date(now + 26 * 60 * MIN).toISOString(),
      slots: 5,
    });
    await e2e.as('demo-volunteer').ok('timebank', 'activity.signUp', { activityId: activity.id });

    const organiser = await e2e.pageAs('demo-staff');
    await organiser.goto(`${e2e.baseUrl}/#/packages/volunteer/activity/index?id=${activity.id}`);
    await organiser.getByTestId('cancel-activity').locator('.nut-button').click();
    await organiser.getByTestId('cancel-reason').locator('textarea').fill('医生临时出诊，义诊改期');
    await organiser.locator('.nut-dialog .nut-button', { hasText: '确定取消活动' }).click();
    await expectVisible(
      organiser.getByTestId('activity-cancelled').getByText('医生临时出诊，义诊改期', { exact: false }),
    );

    const volunteer = await e2e.pageAs('demo-volunteer');
    await volunteer.goto(`${e2e.baseUrl}/#/packages/volunteer/mine/index`);
    const item = volunteer.locator('[data-testid="signup-item"]', { hasText: '周末义诊服务' });
    await expectVisible(item.getByText('活动已取消'));
    await expectVisible(item.getByText('取消原因：医生临时出诊，义诊改期'));
    await item.click();
    await expectVisible(volunteer.getByTestId('activity-cancelled'));
    expect(await volunteer.getByTestId('go-checkin').count()).toBe(0);
    await e2e.screenshot(volunteer, 'timebank-cancelled');
  });

  it('the volunteer disputes confirmed minutes; staff correct them and the points shown change', async () => {
    const now = e2e.clock.now().getTime();
    const activity = await e2e.as('demo-staff').ok('timebank', 'activity.create', {
      title: '独居老人探访',
      place: '小巷社区 3 栋',
      startsAt: new Date(now + 30 * MIN).toISOString(),
      endsAt: new Date(now + 150 * MIN).toISOString(),
      slots: 5,
    });
    await e2e.as('demo-volunteer').ok('timebank', 'activity.signUp', { activityId: activity.id });
    // Minutes without check-in/out are confirmed by staff after the activity, with a reason.
    e2e.clock.advance(151 * MIN);
    await e2e.as('demo-staff').ok('timebank', 'attendance.confirm', {
      activityId: activity.id,
      userId: 'user-volunteer',
      minutes: 30,
      reason: '组织者现场点名确认',
    });
    const before = (await e2e.as('demo-volunteer').ok('timebank', 'volunteer.me', {})).points.available;

    const volunteer = await e2e.pageAs('demo-volunteer');
    await volunteer.goto(`${e2e.baseUrl}/#/packages/volunteer/activity/index?id=${activity.id}`);
    await expectVisible(volunteer.getByTestId('confirmed').getByText('已确认 30 分钟', { exact: false }));
    await volunteer.getByTestId('dispute-button').locator('.nut-button').click();
    await volunteer.getByTestId('dispute-form').locator('textarea').fill('我陪老人去了医院，实际服务了一个半小时');
    await volunteer.getByTestId('dispute-form').locator('input').fill('90');
    await volunteer.locator('.nut-dialog .nut-button', { hasText: '提交申诉' }).click();
    await expectVisible(volunteer.locator('[data-testid="my-dispute"][data-status="open"]'));

    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/volunteer/staff/index`);
    await tapNut(staff, '时长申诉');
    const row = staff.locator('[data-testid="dispute-item"][data-name="李晓明"]');
    await expectVisible(row.getByText('志愿者认为应计 90 分钟', { exact: false }));
    await e2e.screenshot(staff, 'timebank-disputes');
    await row.getByTestId('dispute-correct').locator('.nut-button').click();
    await expectVisible(staff.getByTestId('resolve-form'));
    expect(await staff.getByTestId('resolve-form').locator('input').inputValue()).toBe('90');
    await staff.getByTestId('resolve-form').locator('textarea').fill('经电话核实，陪同就医属实');
    await staff.locator('.nut-dialog .nut-button', { hasText: '确定' }).click();
    await expectVisible(staff.getByText('没有申诉'));

    // 30 → 90 minutes at 30 minutes a point: 1 → 3 points.
    await volunteer.goto(`${e2e.baseUrl}/#/packages/volunteer/me/index`);
    await expectVisible(volunteer.getByTestId('volunteer-points').getByText(String(before + 2)));
    await volunteer.goto(`${e2e.baseUrl}/#/packages/volunteer/activity/index?id=${activity.id}`);
    await expectVisible(volunteer.locator('[data-testid="my-dispute"][data-status="corrected"]'));
    await expectVisible(
      volunteer.getByTestId('confirmed').getByText('已确认 90 分钟，获得 3 时间积分', { exact: false }),
    );
  });
  // Last in this file: it changes the community's rule.
  it('staff publish the points rule and star thresholds and add a service; volunteers see both', async () => {
    const staff = await e2e.pageAs('demo-staff');
    await staff.goto(`${e2e.baseUrl}/#/packages/volunteer/staff/index`);
    await tapNut(staff, '积分规则与服务');
    await expectVisible(staff.getByTestId('rule-form'));
    expect(await staff.getByTestId('rule-minutes').locator('input').inputValue()).toBe('30');
    await staff.getByTestId('rule-minutes').locator('input').fill('20');
    await staff.getByTestId('rule-star-1').locator('input').fill('15');
    await staff.getByTestId('rule-save').locator('.nut-button').click();
    await staff.locator('.nut-dialog .nut-button', { hasText: '确定公布' }).click();
    await expect
      .poll(async () => (await e2e.as('demo-volunteer').ok('timebank', 'rule.get', {})).minutesPerPoint)
      .toBe(20);

    await staff.getByTestId('service-add').locator('.nut-button').click();
    const form = staff.getByTestId('service-form');
    await form.locator('input').first().fill('上门修伞');
    await form.locator('input').nth(1).fill('6');
    await staff.locator('.nut-dialog .nut-button', { hasText: '保存' }).click();
    await expectVisible(
      staff.locator('[data-testid="service-row"][data-name="上门修伞"]').getByText('上门修伞 · 6 积分'),
    );
    await e2e.screenshot(staff, 'timebank-settings');

    const volunteer = await e2e.pageAs('demo-volunteer');
    await volunteer.goto(`${e2e.baseUrl}/#/packages/volunteer/me/index`);
    await expectVisible(volunteer.getByText('每 20 分钟 1 积分；星级门槛 15 / 100 / 300 / 600 / 1000 小时'));
    const services = await e2e.as('demo-volunteer').ok('timebank', 'service.list', {});
    expect(services.items.map((i) => i.name)).toContain('上门修伞');
  });
});
