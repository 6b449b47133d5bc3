import { describe, expect, it } from 'vitest';
import {
  type SignupDoc,
  signupId,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../cloudfunctions/_core/domain/timebank';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const ACTIVITY = 'tb-act-reading';

describe('时间银行 in the weapp: staff confirm a whole activity in one screen; 0 minutes is not 120 without a reason', () => {
  let weapp: Weapp;
  let endsAt = 0;
  journeyApp({ persona: 'demo-staff' }, { name: 'batch', journey: '批量确认' }, async (app) => {
    weapp = app;
    const store = weapp.loopback.backing;
    const activity = await store.get<{ _id: string; startsAt: string; endsAt: string; communityId: string }>(
      TB_COLLECTIONS.activities,
      ACTIVITY,
    );
    const startsAt = Date.parse(activity?.startsAt ?? '');
    endsAt = Date.parse(activity?.endsAt ?? '');
    const at = (ms: number) => new Date(ms).toISOString();
    // Two attendances as check-in/out left them: one stayed the whole time, one checked out at once.
    const signup = (userId: string, inAt: number, outAt: number): SignupDoc => ({
      _id: signupId(ACTIVITY, userId),
      activityId: ACTIVITY,
      communityId: activity?.communityId ?? '',
      userId,
      status: 'signed',
      createdAt: at(startsAt - 86_400_000),
      updatedAt: at(outAt),
      checkInAt: at(inAt),
      checkOutAt: at(outAt),
      confirmedMinutes: null,
      confirmedAt: null,
      confirmedBy: null,
      points: null,
      postingId: null,
    });
    // 张阿姨 is a registered volunteer too (the seed registers only 李晓明).
    const volunteer = await store.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, 'user-volunteer');
    await store.insert<VolunteerDoc>(TB_COLLECTIONS.volunteers, {
      ...(volunteer as VolunteerDoc),
      _id: 'user-resident',
      userId: 'user-resident',
      realName: '张阿姨',
      confirmedMinutes: 0,
      activityCount: 0,
    });
    await store.insert(TB_COLLECTIONS.signups, signup('user-resident', startsAt, endsAt));
    await store.insert(TB_COLLECTIONS.signups, signup('user-volunteer', startsAt + 60_000, startsAt + 60_000));
  });

  const minutesInput = (name: string) => {
    const card = weapp.card('.main--vt-card', name);
    const input = card.querySelector('wx-input');
    return weapp.find('wx-input').indexOf(input as HTMLElement);
  };

  /** The footer of the dialog titled 批量确认志愿时长 (the page holds three dialogs). */
  const batchFooter = (): HTMLElement => {
    const footers = weapp.find('.main--nut-dialog-footer');
    const within = (el: Element | null): boolean =>
      !!el && ((el.textContent ?? '').includes('批量确认志愿时长') || within(el.parentElement));
    const hit = footers.find((f) => {
      let el: Element | null = f;
      for (let i = 0; i < 4 && el; i++) {
        if ((el.textContent ?? '').includes('批量确认志愿时长')) return true;
        el = el.parentElement;
      }
      return false;
    });
    expect(within(hit ?? null)).toBe(true);
    return hit as HTMLElement;
  };

  it('the screen lists both, proposes the measured minutes and warns on 0 typed as 120', async () => {
    weapp.setNow(endsAt + 30 * 60_000);
    await weapp.waitForText('工作台');
    await weapp.open(`packages/volunteer/confirm/index?id=${ACTIVITY}`);
    await weapp.waitForText('李晓明');
    expect(weapp.card('.main--vt-card', '李晓明').textContent).toContain('实计 0 分钟');
    expect(weapp.text()).toContain('全部确认（2/2 人）');
    await weapp.type(minutesInput('李晓明'), '120', 'input');
    await weapp.waitForText('签到签退实计 0 分钟，相差 120 分钟，请填写原因');
    // Without a reason that line cannot be confirmed, alone or in the batch.
    await weapp.waitForText('全部确认（1/2 人）');
  });

  it('全部确认 confirms the others and leaves the 0-minute line open', async () => {
    await weapp.tap('全部确认（1/2 人）');
    await weapp.waitForText('另有 1 人须先填写原因或更正时长，本次不确认');
    await weapp.tapIn(batchFooter(), '确定');
    await weapp.waitForText('已确认');
    expect(weapp.record.calls).toContainEqual({ name: 'timebank', action: 'attendance.confirmBatch' });
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已确认 1 人');
    const stored = await weapp.loopback.backing.get<SignupDoc>(
      TB_COLLECTIONS.signups,
      signupId(ACTIVITY, 'user-volunteer'),
    );
    expect(stored?.confirmedAt).toBeNull();
    // The function has the last word: 120 for a 0-minute attendance without a reason is refused
    // there too, when a client sends it anyway.
    const sent = await (globalThis as any).wx.cloud.callFunction({
      name: 'timebank',
      data: {
        action: 'attendance.confirmBatch',
        payload: { activityId: ACTIVITY, items: [{ userId: 'user-volunteer', minutes: 120 }] },
      },
    });
    expect(sent.result).toMatchObject({
      ok: true,
      data: { confirmed: 0, items: [{ userId: 'user-volunteer', ok: false, code: 'INVALID_INPUT' }] },
    });
    expect(sent.result.data.items[0].message).toContain('请填写原因');
    const after = await weapp.loopback.backing.get<SignupDoc>(
      TB_COLLECTIONS.signups,
      signupId(ACTIVITY, 'user-volunteer'),
    );
    expect(after?.confirmedAt).toBeNull();
    const other = await weapp.loopback.backing.get<SignupDoc>(
      TB_COLLECTIONS.signups,
      signupId(ACTIVITY, 'user-resident'),
    );
    expect(other?.confirmedMinutes).toBe(120);
  });

  it('with a reason the 120 minutes go through the batch, and the reason is kept', async () => {
    await weapp.waitForText('全部确认（0/1 人）');
    await weapp.type(minutesInput('李晓明'), '120', 'input');
    await weapp.waitForText('请填写原因');
    const reason = weapp
      .find('wx-input')
      .indexOf(weapp.card('.main--vt-card', '李晓明').querySelectorAll('wx-input')[1] as HTMLElement);
    await weapp.type(reason, '忘带手机，组织者现场点名全程在岗', 'input');
    await weapp.waitForText('全部确认（1/1 人）');
    await weapp.tap('全部确认（1/1 人）');
    await weapp.waitForText('确认 1 人的时长');
    await weapp.tapIn(batchFooter(), '确定');
    await weapp.waitForText('确认 120 分钟');
    const stored = await weapp.loopback.backing.get<SignupDoc>(
      TB_COLLECTIONS.signups,
      signupId(ACTIVITY, 'user-volunteer'),
    );
    expect(stored?.confirmedMinutes).toBe(120);
    expect(stored?.confirmReason).toBe('忘带手机，组织者现场点名全程在岗');
    expect(weapp.text()).not.toContain('全部确认');
  });
});
