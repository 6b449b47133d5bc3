import { Button, Dialog, Input, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { act, formatTime } from '../shared/ui';
import '../shared/volunteer.scss';

interface Pending {
  userId: string;
  name: string;
  minutes: number | undefined;
}

export default function ConfirmHours() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('timebank', 'attendance.list', { activityId: id }), [id]);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending>();
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const confirm = async () => {
    if (!pending) return;
    const p = pending;
    setPending(undefined);
    const payload = { activityId: id, userId: p.userId, ...(p.minutes !== undefined ? { minutes: p.minutes } : {}) };
    if (await act(() => call('timebank', 'attendance.confirm', payload), '已确认，积分已记入')) await remote.reload();
  };
  return (
    <View className="page">
      <StateView remote={remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有人报名">
        {(d) => (
          <>
            {d.items.map((s) => {
              const edited = edits[s.userId];
              const minutes = edited !== undefined && edited !== '' ? Number(edited) : undefined;
              return (
                <View key={s.userId} className="vt-card" data-testid="attendance-item" data-name={s.name}>
                  <View className="vt-title">
                    {s.name}
                    <Tag type={s.confirmedAt ? 'success' : 'default'}>{s.confirmedAt ? '已确认' : s.statusLabel}</Tag>
                  </View>
                  <View className="muted">
                    签到 {s.checkInAt ? formatTime(s.checkInAt).slice(11) : '—'} · 签退{' '}
                    {s.checkOutAt ? formatTime(s.checkOutAt).slice(11) : '—'}
                    {s.measuredMinutes !== null ? ` · 实计 ${s.measuredMinutes} 分钟` : ''}
                  </View>
                  {s.confirmedAt ? (
                    <View className="muted">
                      确认 {s.confirmedMinutes} 分钟，{s.points} 积分
                    </View>
                  ) : (
                    s.status === 'signed' && (
                      <>
                        <View className="vt-label">更正时长（分钟，不填按签到签退计算，最多 {d.creditMinutes}）</View>
                        <Input
                          className="vt-input"
                          type="digit"
                          value={edited ?? ''}
                          placeholder={s.measuredMinutes !== null ? String(s.measuredMinutes) : '请填写分钟数'}
                          onChange={(v) => setEdits({ ...edits, [s.userId]: v })}
                        />
                        <View className="vt-actions" data-testid="attendance-confirm">
                          <Button
                            type="primary"
                            onClick={() => setPending({ userId: s.userId, name: s.name, minutes })}
                          >
                            确认时长
                          </Button>
                        </View>
                      </>
                    )
                  )}
                </View>
              );
            })}
          </>
        )}
      </StateView>
      <Dialog
        visible={pending !== undefined}
        title="确认志愿时长"
        content={
          pending
            ? `确认 ${pending.name} 的时长${pending.minutes !== undefined ? ` ${pending.minutes} 分钟` : '（按签到签退计算）'}？确认后将记入时间积分，不能撤回。`
            : ''
        }
        confirmText="确定"
        cancelText="取消"
        onConfirm={() => void confirm()}
        onCancel={() => setPending(undefined)}
      />
    </View>
  );
}
