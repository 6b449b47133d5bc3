import { Button, Step, Steps } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { formatTime, go } from '../../../components/ui';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { clockText } from '../shared/format';
import { usePullRefresh } from '../shared/parts';
import '../shared/volunteer.scss';
import { CodeEntry } from './CodeEntry';
import { type Detail, liveSignup, type Mine, PHASE_TEXT, phaseOf, phaseTone } from './phase';

/** 签到 → 签退 → 确认时长, with the times each step was done. */
function Progress({ mine }: { mine: Mine | null }) {
  const current = mine?.confirmedAt ? 3 : mine?.checkOutAt ? 2 : mine?.checkInAt ? 1 : 0;
  return (
    <Steps value={current}>
      <Step value={1} title="签到" description={mine?.checkInAt ? clockText(mine.checkInAt) : ''} />
      <Step value={2} title="签退" description={mine?.checkOutAt ? clockText(mine.checkOutAt) : ''} />
      <Step value={3} title="确认时长" description={mine?.confirmedAt ? `${mine.confirmedMinutes} 分钟` : ''} />
    </Steps>
  );
}

/** Where the volunteer stands, and the one next step. */
function CheckInState(props: { d: Detail; onDone: () => Promise<void> }) {
  const { d } = props;
  const a = d.activity;
  const mine = liveSignup(d);
  const phase = phaseOf(d);
  return (
    <View className="vt-card" data-testid="checkin-state" data-phase={phase}>
      {phase === 'cancelled' ? (
        <View className="vt-alert" data-testid="activity-cancelled">
          活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}
        </View>
      ) : (
        <Progress mine={mine} />
      )}
      <View className={`vt-phase vt-phase-${phaseTone(phase)}`}>{PHASE_TEXT[phase]}</View>
      {phase === 'confirmed' && mine && (
        <View className="muted" data-testid="checkin-confirmed">
          确认 {mine.confirmedMinutes} 分钟，获得 {mine.points} 时间积分
        </View>
      )}
      {(phase === 'checkin' || phase === 'checkout') && (
        <CodeEntry activityId={a.id} checkingIn={phase === 'checkin'} onDone={props.onDone} />
      )}
      {phase === 'none' && (
        <View className="vt-actions">
          <Button fill="outline" onClick={() => go(`/packages/volunteer/activity/index?id=${a.id}`)}>
            查看活动并报名
          </Button>
        </View>
      )}
    </View>
  );
}

/** The volunteer's check-in screen: one code field, the next step only, and where they stand. */
export default function CheckIn() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('timebank', 'activity.get', { activityId: id }), [id]);
  useReloadOnShow(remote.reload);
  usePullRefresh(remote.reload);
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => (
          <>
            <View className="vt-card">
              <View className="vt-title">{d.activity.title}</View>
              <View className="muted">
                {formatTime(d.activity.startsAt)} 至 {clockText(d.activity.endsAt)} · {d.activity.place}
              </View>
            </View>
            <CheckInState d={d} onDone={remote.reload} />
          </>
        )}
      </StateView>
    </Page>
  );
}
