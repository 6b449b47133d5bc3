import { Button, Dialog, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, go } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

export default function ActivityDetail() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('timebank', 'activity.get', { activityId: id }), [id]);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [closeOpen, setCloseOpen] = useState(false);
  const [closeReason, setCloseReason] = useState('');
  const [disputeOpen, setDisputeOpen] = useState(false);
  const [disputeReason, setDisputeReason] = useState('');
  const [claimed, setClaimed] = useState('');
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void remote.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const signUp = async () => {
    if (await act(() => call('timebank', 'activity.signUp', { activityId: id }), '报名成功')) await remote.reload();
  };
  const cancel = async () => {
    setCancelOpen(false);
    if (await act(() => call('timebank', 'activity.cancelSignUp', { activityId: id }), '已取消报名'))
      await remote.reload();
  };
  const closeActivity = async () => {
    const reason = closeReason.trim();
    if (reason.length < 2) {
      void Taro.showToast({ title: '请填写取消原因', icon: 'none' });
      return;
    }
    setCloseOpen(false);
    if (await act(() => call('timebank', 'activity.cancel', { activityId: id, reason }), '活动已取消，已通知报名者')) {
      setCloseReason('');
      await remote.reload();
    }
  };
  const dispute = async () => {
    const reason = disputeReason.trim();
    if (reason.length < 4) {
      void Taro.showToast({ title: '请写明申诉理由（至少 4 个字）', icon: 'none' });
      return;
    }
    const minutes = claimed.trim() ? Number(claimed.trim()) : undefined;
    if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 0 && minutes <= 1440)) {
      void Taro.showToast({ title: '分钟数不正确', icon: 'none' });
      return;
    }
    setDisputeOpen(false);
    const payload = { activityId: id, reason, ...(minutes !== undefined ? { claimedMinutes: minutes } : {}) };
    if (await act(() => call('timebank', 'dispute.open', payload), '已提交，社区工作者会尽快处理')) {
      setDisputeReason('');
      setClaimed('');
      await remote.reload();
    }
  };
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => {
          const a = d.activity;
          const cancelled = a.status === 'cancelled';
          const mine = d.mine && d.mine.status !== 'cancelled' ? d.mine : null;
          return (
            <>
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
                <View className="muted">组织者：{a.organizerName}</View>
                <View className="muted">
                  名额：已报 {a.taken}/{a.slots}
                  {a.waiting > 0 ? `，候补 ${a.waiting} 人` : ''}；完成可计 {a.creditMinutes} 分钟
                </View>
                {a.skills.length > 0 && <View className="muted">需要技能：{a.skills.join('、')}</View>}
                {a.description && <View className="muted">{a.description}</View>}
              </View>
              <View className="vt-card" data-testid="my-signup">
                {!mine && !cancelled && !a.signUpOpen && (
                  <View className="muted" data-testid="signup-closed">
                    活动{a.statusLabel}，报名已截止
                  </View>
                )}
                {!mine && a.signUpOpen && (
                  <View className="vt-actions" data-testid="signup-button">
                    <Button type="primary" onClick={() => void signUp()}>
                      {a.left > 0 ? '我要报名' : '加入候补'}
                    </Button>
                  </View>
                )}
                {!mine && cancelled && <View className="muted">活动已取消，不再接受报名</View>}
                {mine && (
                  <>
                    <View className="vt-title">
                      我的报名
                      <Tag type={mine.status === 'signed' ? 'success' : 'warning'}>
                        {mine.statusLabel}
                        {d.waitingPosition ? `（第 ${d.waitingPosition} 位）` : ''}
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
                    {!cancelled && mine.status === 'signed' && !mine.checkOutAt && (
                      <View className="vt-actions" data-testid="go-checkin">
                        <Button type="primary" onClick={() => go(`/packages/volunteer/checkin/index?id=${id}`)}>
                          {mine.checkInAt ? '去签退' : '去签到'}
                        </Button>
                      </View>
                    )}
                    {a.signUpOpen && !mine.checkInAt && (
                      <View className="vt-actions">
                        <Button fill="outline" onClick={() => setCancelOpen(true)}>
                          取消报名
                        </Button>
                      </View>
                    )}
                    {mine.canDispute && (
                      <View className="vt-actions" data-testid="dispute-button">
                        <Button fill="outline" onClick={() => setDisputeOpen(true)}>
                          对时长有异议
                        </Button>
                      </View>
                    )}
                  </>
                )}
              </View>
              {d.canOrganise && !cancelled && (
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
                    <Button fill="outline" type="danger" onClick={() => setCloseOpen(true)}>
                      取消活动
                    </Button>
                  </View>
                </View>
              )}
            </>
          );
        }}
      </StateView>
      <Dialog
        visible={cancelOpen}
        title="取消报名"
        content="取消后名额会让给候补的志愿者，确定取消吗？"
        confirmText="确定取消"
        cancelText="不取消"
        onConfirm={() => void cancel()}
        onCancel={() => setCancelOpen(false)}
      />
      <Dialog
        visible={closeOpen}
        title="取消活动"
        content={
          <View data-testid="cancel-reason">
            <View className="muted">取消后不能恢复，已报名和候补的志愿者都会收到通知。</View>
            <TextArea
              value={closeReason}
              maxLength={200}
              onChange={setCloseReason}
              placeholder="取消原因（将告知志愿者）"
            />
          </View>
        }
        confirmText="确定取消活动"
        cancelText="再想想"
        onConfirm={() => void closeActivity()}
        onCancel={() => setCloseOpen(false)}
      />
      <Dialog
        visible={disputeOpen}
        title="时长申诉"
        content={
          <View data-testid="dispute-form">
            <TextArea
              value={disputeReason}
              maxLength={300}
              onChange={setDisputeReason}
              placeholder="申诉理由（交社区工作者核实）"
            />
            <View className="vt-label">您认为应计时长（分钟，可不填）</View>
            <Input className="vt-input" type="digit" value={claimed} onChange={setClaimed} placeholder="如 120" />
          </View>
        }
        confirmText="提交申诉"
        cancelText="取消"
        onConfirm={() => void dispute()}
        onCancel={() => setDisputeOpen(false)}
      />
    </Page>
  );
}
