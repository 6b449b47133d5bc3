import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { Speaker, type SpeakerRole } from '../../../components/Speaker';
import { formatTime, go } from '../../../components/ui';
import type { Tb } from '../shared/types';

export type Detail = Tb<'activity.get'>;
type Activity = Detail['activity'];
type Mine = NonNullable<Detail['mine']>;

/** The activity itself: when, where, who organises, places left, what it credits. */
export function ActivityInfo({ a, organizerRole }: { a: Activity; organizerRole?: SpeakerRole | null }) {
  const cancelled = a.status === 'cancelled';
  return (
    <View className="vt-card">
      <View className="vt-title">
        {a.title}
        {cancelled && <Tag type="danger">已取消</Tag>}
      </View>
      {cancelled && (
        <View className="vt-alert" data-testid="activity-cancelled">
          活动已取消：{a.cancelReason}
        </View>
      )}
      <View className="muted">
        时间：{formatTime(a.startsAt)} 至 {formatTime(a.endsAt)}
      </View>
      <View className="muted">地点：{a.place}</View>
      <View className="muted" data-testid="activity-organizer">
        组织者：
        <Speaker name={a.organizerName} role={organizerRole} />
      </View>
      <View className="muted">
        名额：已报 {a.taken}/{a.slots}
        {a.waiting > 0 ? `，候补 ${a.waiting} 人` : ''}；完成可计 {a.creditMinutes} 分钟
      </View>
      {a.skills.length > 0 && <View className="muted">需要技能：{a.skills.join('、')}</View>}
      {a.description && <View className="muted">{a.description}</View>}
    </View>
  );
}

/** Where the volunteer's sign-up stands: times, confirmation, dispute. */
function SignupFacts({ mine, waitingPosition }: { mine: Mine; waitingPosition: Detail['waitingPosition'] }) {
  return (
    <>
      <View className="vt-title">
        我的报名
        <Tag type={mine.status === 'signed' ? 'success' : 'warning'}>
          {mine.statusLabel}
          {waitingPosition ? `（第 ${waitingPosition} 位）` : ''}
        </Tag>
      </View>
      {mine.checkInAt && <View className="muted">签到：{formatTime(mine.checkInAt)}</View>}
      {mine.checkOutAt && <View className="muted">签退：{formatTime(mine.checkOutAt)}</View>}
      {mine.confirmedAt && (
        <View className="muted" data-testid="confirmed">
          已确认 {mine.confirmedMinutes} 分钟，获得 {mine.points} 时间积分
          {mine.corrections > 0 ? '（已更正）' : ''}
        </View>
      )}
      {mine.dispute && (
        <View className="muted" data-testid="my-dispute" data-status={mine.dispute.status}>
          {mine.dispute.statusLabel}
          {mine.dispute.note ? `：${mine.dispute.note}` : ''}
        </View>
      )}
    </>
  );
}

/** The volunteer's next steps on a sign-up: check in or out, cancel, dispute the minutes. */
function SignupActions(props: { a: Activity; mine: Mine; onCancel: () => void; onDispute: () => void }) {
  const { a, mine } = props;
  return (
    <>
      {a.status !== 'cancelled' && mine.status === 'signed' && !mine.checkOutAt && (
        <View className="vt-actions" data-testid="go-checkin">
          <Button type="primary" onClick={() => go(`/packages/volunteer/checkin/index?id=${a.id}`)}>
            {mine.checkInAt ? '去签退' : '去签到'}
          </Button>
        </View>
      )}
      {a.signUpOpen && !mine.checkInAt && (
        <View className="vt-actions">
          <Button fill="outline" onClick={props.onCancel}>
            取消报名
          </Button>
        </View>
      )}
      {mine.canDispute && (
        <View className="vt-actions" data-testid="dispute-button">
          <Button fill="outline" onClick={props.onDispute}>
            对时长有异议
          </Button>
        </View>
      )}
    </>
  );
}

/** The volunteer's own card: sign up (or join the waiting list), or where their sign-up stands. */
export function MySignup(props: { d: Detail; onSignUp: () => void; onCancel: () => void; onDispute: () => void }) {
  const a = props.d.activity;
  const cancelled = a.status === 'cancelled';
  const mine = props.d.mine && props.d.mine.status !== 'cancelled' ? props.d.mine : null;
  return (
    <View className="vt-card" data-testid="my-signup">
      {!mine && !cancelled && !a.signUpOpen && (
        <View className="muted" data-testid="signup-closed">
          活动{a.statusLabel}，报名已截止
        </View>
      )}
      {!mine && a.signUpOpen && (
        <View className="vt-actions" data-testid="signup-button">
          <Button type="primary" onClick={props.onSignUp}>
            {a.left > 0 ? '我要报名' : '加入候补'}
          </Button>
        </View>
      )}
      {!mine && cancelled && <View className="muted">活动已取消，不再接受报名</View>}
      {mine && (
        <>
          <SignupFacts mine={mine} waitingPosition={props.d.waitingPosition} />
          <SignupActions a={a} mine={mine} onCancel={props.onCancel} onDispute={props.onDispute} />
        </>
      )}
    </View>
  );
}

/** The organiser's tools: the check-in code, confirming minutes, cancelling the activity. */
export function OrganiserCard(props: { activityId: string; onClose: () => void }) {
  const id = props.activityId;
  return (
    <View className="vt-card">
      <View className="vt-title">组织者</View>
      <View className="vt-actions">
        <Button type="primary" onClick={() => go(`/packages/volunteer/code/index?id=${id}`)}>
          出示签到码
        </Button>
        <Button fill="outline" onClick={() => go(`/packages/volunteer/confirm/index?id=${id}`)}>
          确认时长
        </Button>
      </View>
      <View className="vt-actions" data-testid="cancel-activity">
        <Button fill="outline" type="danger" onClick={props.onClose}>
          取消活动
        </Button>
      </View>
    </View>
  );
}
