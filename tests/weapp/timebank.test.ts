import { describe, expect, it } from 'vitest';
import { TB_COLLECTIONS } from '../../cloudfunctions/_core/domain/timebank';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const ACTIVITY = 'tb-act-reading';
const TITLE = '周末儿童绘本共读';

describe('时间银行 in the weapp: a volunteer signs up and checks in with the code, the organiser confirms', () => {
  let weapp: Weapp;
  let startsAt = 0;
  let endsAt = 0;
  journeyApp({ persona: 'demo-volunteer' }, { name: 'timebank', journey: '时间银行' }, async (app) => {
    weapp = app;
    const activity = await weapp.loopback.backing.get<{ _id: string; startsAt: string; endsAt: string }>(
      TB_COLLECTIONS.activities,
      ACTIVITY,
    );
    startsAt = Date.parse(activity?.startsAt ?? '');
    endsAt = Date.parse(activity?.endsAt ?? '');
    expect(Number.isFinite(startsAt) && Number.isFinite(endsAt)).toBe(true);
  });

  /** The organiser's phone shows the current code; the volunteer reads it off. */
  const codeShown = async (): Promise<string> => {
    await weapp.as('demo-staff');
    await weapp.open(`packages/volunteer/code/index?id=${ACTIVITY}`);
    await weapp.waitForText(/\d{6}/);
    const code = (weapp.find('.main--vt-code')[0]?.textContent ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    return code;
  };

  /** 可用积分 and the minutes still missing to the next star, as 我的志愿 shows them. */
  const card = () => {
    const values = weapp.find('.main--vt-stat-value').map((el) => Number((el.textContent ?? '').trim()));
    const next = /还差 (?:(\d+) 小时)?\s*(?:(\d+) 分钟)?/.exec(weapp.text());
    const stars = [...(weapp.find('.main--vt-stars')[0]?.textContent ?? '')].filter((c) => c === '★').length;
    const toNext = Number(next?.[1] ?? 0) * 60 + Number(next?.[2] ?? 0);
    return { points: values[1] ?? Number.NaN, stars, toNext, text: weapp.text() };
  };
  let before = { points: 0, stars: 0, toNext: 0, text: '' };

  it('the volunteer finds the activity and signs up', async () => {
    await weapp.waitForText('小李');
    await weapp.open('packages/volunteer/me/index');
    await weapp.waitForText('可用积分');
    before = card();
    await weapp.open('packages/volunteer/activities/index');
    await weapp.waitForText(TITLE);
    await weapp.tap(TITLE);
    await weapp.waitForText('我要报名');
    expect(weapp.page.route).toBe('packages/volunteer/activity/index');
    await weapp.tap('我要报名');
    await weapp.waitForText('去签到');
    expect(weapp.record.toasts.map((t) => t.title)).toContain('报名成功');
  });

  /** At `at` (the functions' clock) the volunteer reads the organiser's code and taps `button`. */
  const attend = async (at: number, phase: string, button: '签到' | '签退', after: string) => {
    weapp.setNow(at);
    const code = await codeShown();
    await weapp.as('demo-volunteer');
    await weapp.open(`packages/volunteer/checkin/index?id=${ACTIVITY}`);
    await weapp.waitForText(phase);
    await weapp.type(0, code, 'input');
    await weapp.tapIn(weapp.find('.main--vt-actions')[0] as HTMLElement, button);
    await weapp.waitForText(after);
    expect(weapp.record.toasts.map((t) => t.title)).toContain(`${button}成功`);
  };

  it('at the venue the volunteer checks in, and out at the end, with the codes the organiser shows', async () => {
    await attend(
      startsAt + 5 * 60_000,
      '到达现场后，输入组织者出示的签到码签到',
      '签到',
      '已签到。服务结束离开前，输入当时的签到码签退',
    );
    await attend(endsAt + 5 * 60_000, '已签到。服务结束离开前', '签退', '已签退，等待组织者确认时长');
  });

  it('the organiser confirms the time after the activity ended', async () => {
    await weapp.as('demo-staff');
    await weapp.open(`packages/volunteer/confirm/index?id=${ACTIVITY}`);
    await weapp.waitForText('李晓明');
    await weapp.tapIn(weapp.card('.main--vt-card', '李晓明'), '确认时长');
    await weapp.waitForText('确认后将记入时间积分，不能撤回。');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确定');
    await weapp.waitForText(/确认 \d+ 分钟，\d+ 积分/);
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已确认，积分已记入');
  });

  it('the volunteer sees the points and the star progress grow', async () => {
    await weapp.as('demo-volunteer');
    await weapp.open(`packages/volunteer/checkin/index?id=${ACTIVITY}`);
    await weapp.waitForText('时长已确认，时间积分已记入');
    const [, minutes, points] = /确认 (\d+) 分钟，获得 (\d+) 时间积分/.exec(weapp.text()) ?? [];
    expect(Number(minutes)).toBeGreaterThan(0);
    expect(Number(points)).toBeGreaterThan(0);
    await weapp.open('packages/volunteer/me/index');
    await weapp.waitForText('可用积分');
    const after = card();
    expect(after.points).toBe(before.points + Number(points));
    // Progress: closer to the next star, or a star gained.
    if (after.stars === before.stars) expect(after.toNext).toBeLessThan(before.toNext);
    else expect(after.stars).toBe(before.stars + 1);
  });
});
