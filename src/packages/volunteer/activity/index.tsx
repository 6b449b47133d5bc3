import { Button, Dialog, Input, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { act, formatTime, go } from '../shared/ui';
import '../shared/volunteer.scss';

export default function ActivityDetail() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('timebank', 'activity.get', { activityId: id }), [id]);
  const [code, setCode] = useState('');
  const [cancelOpen, setCancelOpen] = useState(false);
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
  const step = async (action: 'attendance.checkIn' | 'attendance.checkOut') => {
    const ok = await act(
      () => call('timebank', action, { activityId: id, code: code.trim() }),
      action === 'attendance.checkIn' ? '签到成功' : '签退成功',
    );
    if (ok) {
      setCode('');
      await remote.reload();
    }
  };
  return (
    <View className="page">
      <StateView remote={remote}>
        {(d) => {
          const a = d.activity;
          const mine = d.mine && d.mine.status !== 'cancelled' ? d.mine : null;
          return (
            <>
              <View className="vt-card">
                <View className="vt-title">{a.title}</View>
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
                {!mine && (
                  <View className="vt-actions" data-testid="signup-button">
                    <Button type="primary" onClick={() => void signUp()}>
                      {a.left > 0 ? '我要报名' : '加入候补'}
                    </Button>
                  </View>
                )}
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
                      </View>
                    )}
                    {mine.status === 'signed' && !mine.checkOutAt && (
                      <>
                        <View className="vt-label">输入现场签到码（组织者出示，每 2 分钟更换）</View>
                        <View data-testid="checkin-code">
                          <Input
                            className="vt-input"
                            type="digit"
                            maxLength={6}
                            value={code}
                            placeholder="6 位签到码"
                            onChange={(v) => setCode(v)}
                          />
                        </View>
                        <View className="vt-actions">
                          {!mine.checkInAt ? (
                            <Button type="primary" onClick={() => void step('attendance.checkIn')}>
                              签到
                            </Button>
                          ) : (
                            <Button type="primary" onClick={() => void step('attendance.checkOut')}>
                              签退
                            </Button>
                          )}
                        </View>
                      </>
                    )}
                    {!mine.checkInAt && (
                      <View className="vt-actions">
                        <Button fill="outline" onClick={() => setCancelOpen(true)}>
                          取消报名
                        </Button>
                      </View>
                    )}
                  </>
                )}
              </View>
              {d.canOrganise && (
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
    </View>
  );
}
