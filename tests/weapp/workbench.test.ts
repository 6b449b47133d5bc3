import { describe, expect, it } from 'vitest';
import {
  type SignupDoc,
  signupId,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../cloudfunctions/_core/domain/timebank';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const CLINIC = 'tb-act-past-clinic';

/**
 * The workbench in the weapp: 陈书记 opens the app, sees what waits (a grid-2 report, a redemption,
 * hours, an opinion, a topic), taps each through to act, and the counts go to zero; 周网格, the
 * seeded worker of 第二网格, sees the report dispatched to them on their own workbench and accepts it.
 */
describe('工作台 in the weapp: a staff member clears it, kind by kind; a grid worker sees their own', () => {
  let weapp: Weapp;
  let home = '';
  journeyApp({ persona: 'demo-staff' }, { name: 'workbench', journey: '清空工作台' }, async (app) => {
    weapp = app;
    home = app.routes()[0] as string;
    const store = app.loopback.backing;
    const wx = (globalThis as any).wx;
    // The resident asks for a towel pack from their own phone (the function sees their openid).
    app.persona = 'demo-resident';
    const asked = await wx.cloud.callFunction({
      name: 'greencoin',
      data: {
        action: 'redeem.request',
        payload: { goodsId: 'goods-xiaoxiang-4', quantity: 1, idempotencyKey: 'bench-towel-1' },
      },
    });
    expect(asked.result.ok).toBe(true);
    app.persona = 'demo-staff';
    // 张阿姨 served at the clinic nine days ago, checked in and out; her minutes are not confirmed.
    const activity = await store.get<{ _id: string; startsAt: string; endsAt: string }>(
      TB_COLLECTIONS.activities,
      CLINIC,
    );
    const volunteer = await store.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, 'user-volunteer');
    await store.insert<VolunteerDoc>(TB_COLLECTIONS.volunteers, {
      ...(volunteer as VolunteerDoc),
      _id: 'user-resident',
      userId: 'user-resident',
      realName: '张阿姨',
      confirmedMinutes: 0,
      activityCount: 0,
    });
    await store.insert<SignupDoc>(TB_COLLECTIONS.signups, {
      _id: signupId(CLINIC, 'user-resident'),
      activityId: CLINIC,
      communityId: 'community-xiaoxiang',
      userId: 'user-resident',
      status: 'signed',
      createdAt: activity?.startsAt ?? '',
      updatedAt: activity?.endsAt ?? '',
      checkInAt: activity?.startsAt ?? '',
      checkOutAt: activity?.endsAt ?? '',
      confirmedMinutes: null,
      confirmedAt: null,
      confirmedBy: null,
      points: null,
      postingId: null,
    });
  });

  /** The count a kind shows on the workbench (0 when the kind is not listed: nothing waits). */
  const count = (label: string): number => {
    const row = weapp.find('.main--workbench-kind-head').find((el) => (el.textContent ?? '').includes(label));
    return row ? Number(row.querySelector('.main--workbench-count')?.textContent ?? 'NaN') : 0;
  };
  /** The button reading exactly `text` in a card ("答复", not the card's "待答复"). */
  const button = (card: HTMLElement, text: string): HTMLElement => {
    const hit = ([...card.querySelectorAll('.main--nut-button')] as HTMLElement[]).find(
      (b) => (b.textContent ?? '').trim() === text,
    );
    if (!hit) throw new Error(`no 「${text}」 button in: ${card.textContent}`);
    // The innermost element with the text, as a finger lands on the label (what tapIn does).
    const inner = ([...hit.querySelectorAll('*')] as HTMLElement[]).filter(
      (el) => (el.textContent ?? '').trim() === text && el.children.length === 0,
    );
    return inner[0] ?? hit;
  };
  /** Opens a card's answer box; a list still refreshing (useDidShow) can swallow the first tap. */
  const openAnswer = async (cardText: string) => {
    for (let i = 0; i < 4 && weapp.find('wx-textarea').length === 0; i++) {
      await weapp.tapElement(button(weapp.card('.main--council-item', cardText), '答复'));
      await weapp.settle(200);
    }
    expect(weapp.find('wx-textarea').length).toBe(1);
  };
  /** Waits for a toast (toasts are not page text). */
  const toast = async (title: string) => {
    for (let i = 0; i < 50 && !weapp.record.toasts.some((t) => t.title === title); i++) await weapp.settle(30, 500);
    expect(weapp.record.toasts.map((t) => t.title)).toContain(title);
  };
  const backHome = async () => {
    await weapp.open(home);
    await weapp.waitForText('工作台');
  };

  it('the first card shows each kind with its count, the total, and resident entries below', async () => {
    await weapp.as('demo-staff');
    await weapp.waitForText('共 5 件待办');
    expect(count('待派单/受理的工单')).toBe(1);
    expect(count('待审核的兑换')).toBe(1);
    expect(count('待确认的志愿时长')).toBe(1);
    expect(count('待答复的监督意见')).toBe(1);
    expect(count('待回复的居民议题')).toBe(1);
    const bench = weapp.find('.main--workbench')[0];
    expect(bench?.textContent).toContain('截止');
  });

  it('the grid-2 report is dispatched to 周网格, who finds it on their own workbench and accepts it in one tap', async () => {
    await weapp.tap('治安隐患 · 待受理');
    await weapp.waitForText('派给网格员');
    await weapp.waitForText('本网格 · 周网格');
    await weapp.tap('本网格 · 周网格');
    await weapp.tap('派单');
    await toast('已派单');

    await weapp.as('demo-gridworker');
    await weapp.waitForText('工作台');
    expect(count('待受理的工单')).toBe(0);

    await weapp.as('demo-gridworker2');
    await weapp.waitForText('共 1 件待办');
    expect(count('待受理的工单')).toBe(1);
    await weapp.tap('治安隐患 · 已派单');
    await weapp.waitForText('受理并开始办理');
    await weapp.tap('受理并开始办理');
    await weapp.waitForText('办结并答复');
    await backHome();
    await weapp.waitForText('暂无待办事项，辛苦了');
  });

  it('staff approve the redemption, answer the opinion and the topic, and confirm the hours', async () => {
    await weapp.as('demo-staff');
    await weapp.waitForText('共 4 件待办');
    expect(count('待派单/受理的工单')).toBe(0);

    await weapp.tap('毛巾两条装 × 1');
    await weapp.waitForText('毛巾两条装 ×1');
    await weapp.tapIn(weapp.card('.main--gc-item', '毛巾两条装 ×1'), '通过');
    await weapp.waitForText('确定通过');
    await weapp.tap('确定通过');
    await weapp.waitForText('没有待审核的兑换申请');
    await backHome();
    await weapp.waitForText('共 3 件待办');

    await weapp.tap('关于「中心花园儿童游乐设施改造」');
    await weapp.waitForText('答复期限');
    await openAnswer('18 万元预算偏高');
    await weapp.type(0, '已邀请三家供应商比价，并于周六召开家长座谈会。', 'textarea');
    await weapp.tap('提交答复');
    await weapp.waitForText('确定提交吗');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确认');
    await toast('已答复');
    await backHome();
    await weapp.waitForText('共 2 件待办');

    await weapp.tap('车棚增设电动车充电桩');
    await weapp.waitForText('车棚增设电动车充电桩');
    await openAnswer('车棚增设电动车充电桩');
    await weapp.type(0, '已列入下月议事会议题，先行勘察车棚供电。', 'textarea');
    await weapp.tap('提交答复');
    await weapp.waitForText('确定提交吗');
    await weapp.tapIn(weapp.find('.main--nut-dialog-footer')[0] as HTMLElement, '确认');
    await toast('已答复');
    await backHome();
    await weapp.waitForText('共 1 件待办');

    await weapp.tap('社区义诊引导服务');
    await weapp.waitForText('张阿姨');
    await weapp.waitForText('全部确认（1/1 人）');
    await weapp.tap('全部确认（1/1 人）');
    await weapp.waitForText('确认 1 人的时长');
    const footer = weapp
      .find('.main--nut-dialog-footer')
      .find((f) => (f.parentElement?.parentElement?.textContent ?? '').includes('批量确认志愿时长'));
    await weapp.tapIn((footer ?? weapp.find('.main--nut-dialog-footer').at(-1)) as HTMLElement, '确定');
    await weapp.waitForText('已确认');
    await backHome();
    await weapp.waitForText('暂无待办事项，辛苦了');
    expect(weapp.text()).not.toContain('件待办');
  });

  it('what the screens did is what the store holds', async () => {
    const store = weapp.loopback.backing;
    const signup = await store.get<SignupDoc>(TB_COLLECTIONS.signups, signupId(CLINIC, 'user-resident'));
    expect(signup?.confirmedMinutes).toBe(490);
    const report = await store.get<{ _id: string; status: string; assigneeUserId: string }>(
      'reports',
      'report-demo-camera',
    );
    expect(report).toMatchObject({ status: 'in_progress', assigneeUserId: 'user-gridworker2' });
    const calls = weapp.record.calls.map((c) => `${c.name}.${c.action}`);
    for (const action of [
      'reports.dispatch',
      'reports.accept',
      'greencoin.redeem.approve',
      'deliberation.opinion.answer',
      'deliberation.topic.answer',
      'timebank.attendance.confirmBatch',
    ])
      expect(calls).toContain(action);
  });
});
