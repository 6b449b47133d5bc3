import { Button, Input, Step, Steps } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, go } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { canScan, scanQr } from '../../../services/scan';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

type Phase = 'cancelled' | 'none' | 'waiting' | 'checkin' | 'checkout' | 'pending' | 'confirmed';

const PHASE_TEXT: Record<Phase, string> = {
  cancelled: '活动已取消，无需签到',
  none: '您还没有报名这个活动',
  waiting: '您在候补名单中，转为正式报名后才能签到',
  checkin: '到达现场后，输入组织者出示的签到码签到',
  checkout: '已签到。服务结束离开前，输入当时的签到码签退',
  pending: '已签退，等待组织者确认时长',
  confirmed: '时长已确认，时间积分已记入',
};

/** The volunteer's check-in screen: one code field, the next step only, and where they stand. */
export default function CheckIn() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('timebank', 'activity.get', { activityId: id }), [id]);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void remote.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const step = async (action: 'attendance.checkIn' | 'attendance.checkOut', typed = code.trim()) => {
    if (!/^\d{6}$/.test(typed)) {
      void Taro.showToast({ title: '请输入 6 位数字签到码', icon: 'none' });
      return;
    }
    setBusy(true);
    const ok = await act(
      () => call('timebank', action, { activityId: id, code: typed }),
      action === 'attendance.checkIn' ? '签到成功' : '签退成功',
    );
    setBusy(false);
    if (ok) {
      setCode('');
      await remote.reload();
    }
  };
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => {
          const a = d.activity;
          const mine = d.mine && d.mine.status !== 'cancelled' ? d.mine : null;
          const phase: Phase =
            a.status === 'cancelled'
              ? 'cancelled'
              : !mine
                ? 'none'
                : mine.status === 'waiting'
                  ? 'waiting'
                  : mine.confirmedAt
                    ? 'confirmed'
                    : mine.checkOutAt
                      ? 'pending'
                      : mine.checkInAt
                        ? 'checkout'
                        : 'checkin';
          const current = mine?.confirmedAt ? 3 : mine?.checkOutAt ? 2 : mine?.checkInAt ? 1 : 0;
          return (
            <>
              <View className="vt-card">
                <View className="vt-title">{a.title}</View>
                <View className="muted">
                  {formatTime(a.startsAt)} 至 {formatTime(a.endsAt).slice(11)} · {a.place}
                </View>
              </View>
              <View className="vt-card" data-testid="checkin-state" data-phase={phase}>
                {phase === 'cancelled' ? (
                  <View className="vt-alert" data-testid="activity-cancelled">
                    活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}
                  </View>
                ) : (
                  <Steps value={current}>
                    <Step
                      value={1}
                      title="签到"
                      description={mine?.checkInAt ? formatTime(mine.checkInAt).slice(11) : ''}
                    />
                    <Step
                      value={2}
                      title="签退"
                      description={mine?.checkOutAt ? formatTime(mine.checkOutAt).slice(11) : ''}
                    />
                    <Step
                      value={3}
                      title="确认时长"
                      description={mine?.confirmedAt ? `${mine.confirmedMinutes} 分钟` : ''}
                    />
                  </Steps>
                )}
                <View
                  className={`vt-phase vt-phase-${phase === 'confirmed' ? 'done' : phase === 'cancelled' ? 'stop' : 'next'}`}
                >
                  {PHASE_TEXT[phase]}
                </View>
                {phase === 'confirmed' && mine && (
                  <View className="muted" data-testid="checkin-confirmed">
                    确认 {mine.confirmedMinutes} 分钟，获得 {mine.points} 时间积分
                  </View>
                )}
                {(phase === 'checkin' || phase === 'checkout') && (
                  <>
                    <View className="vt-label">签到码（组织者出示，每 2 分钟更换）</View>
                    <View data-testid="checkin-code">
                      <Input
                        className="vt-input vt-code-input"
                        type="digit"
                        maxLength={6}
                        value={code}
                        placeholder="6 位签到码"
                        onChange={(v) => setCode(v)}
                      />
                    </View>
                    <View className="vt-actions" data-testid="checkin-submit">
                      <Button
                        type="primary"
                        size="large"
                        loading={busy}
                        disabled={busy}
                        onClick={() => void step(phase === 'checkin' ? 'attendance.checkIn' : 'attendance.checkOut')}
                      >
                        {phase === 'checkin' ? '签到' : '签退'}
                      </Button>
                    </View>
                    {canScan() && (
                      <View className="vt-actions" data-testid="checkin-scan">
                        <Button
                          fill="outline"
                          size="large"
                          disabled={busy}
                          onClick={() =>
                            void scanQr('checkin').then((p) => {
                              if (!p) return;
                              if (p.activityId !== id) {
                                void Taro.showToast({ title: '这是另一个活动的签到码', icon: 'none' });
                                return;
                              }
                              // The scanned code feeds the same check-in action as the typed one.
                              void step(phase === 'checkin' ? 'attendance.checkIn' : 'attendance.checkOut', p.code);
                            })
                          }
                        >
                          扫码{phase === 'checkin' ? '签到' : '签退'}
                        </Button>
                      </View>
                    )}
                    <View className="muted">
                      活动开始前 1 小时至结束后 2 小时内可签到签退；签到码输错 5 次后请找组织者确认时长。
                    </View>
                  </>
                )}
                {phase === 'none' && (
                  <View className="vt-actions">
                    <Button fill="outline" onClick={() => go(`/packages/volunteer/activity/index?id=${id}`)}>
                      查看活动并报名
                    </Button>
                  </View>
                )}
              </View>
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
