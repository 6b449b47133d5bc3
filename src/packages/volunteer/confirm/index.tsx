import { Button, Dialog, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

interface Pending {
  userId: string;
  name: string;
  minutes: number | undefined;
}

interface Correcting {
  userId: string;
  name: string;
  from: number;
  key: string;
}

export default function ConfirmHours() {
  const id = useRouter().params.id ?? '';
  const list = usePaged((skip) => call('timebank', 'attendance.list', { activityId: id, skip }), [id]);
  const remote = list.remote;
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending>();
  const [correcting, setCorrecting] = useState<Correcting>();
  const [newMinutes, setNewMinutes] = useState('');
  const [reason, setReason] = useState('');
  const correct = async () => {
    if (!correcting) return;
    const minutes = Number(newMinutes.trim());
    if (!newMinutes.trim() || !Number.isInteger(minutes) || minutes < 0) {
      void Taro.showToast({ title: '请填写更正后的分钟数', icon: 'none' });
      return;
    }
    if (reason.trim().length < 2) {
      void Taro.showToast({ title: '请填写更正原因', icon: 'none' });
      return;
    }
    const c = correcting;
    setCorrecting(undefined);
    const payload = { activityId: id, userId: c.userId, minutes, reason: reason.trim(), idempotencyKey: c.key };
    if (await act(() => call('timebank', 'attendance.correct', payload), '已更正，积分已调整')) {
      setNewMinutes('');
      setReason('');
      await remote.reload();
    }
  };
  const confirm = async () => {
    if (!pending) return;
    const p = pending;
    setPending(undefined);
    const payload = { activityId: id, userId: p.userId, ...(p.minutes !== undefined ? { minutes: p.minutes } : {}) };
    if (await act(() => call('timebank', 'attendance.confirm', payload), '已确认，积分已记入')) await remote.reload();
  };
  return (
    <Page>
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
                    <>
                      <View className="muted">
                        确认 {s.confirmedMinutes} 分钟，{s.points} 积分
                        {s.corrections > 0 ? `（已更正 ${s.corrections} 次）` : ''}
                      </View>
                      {s.dispute?.status === 'open' && <View className="muted">志愿者已申诉，由社区工作者处理</View>}
                      <View className="vt-actions" data-testid="attendance-correct">
                        <Button
                          fill="outline"
                          onClick={() =>
                            setCorrecting({
                              userId: s.userId,
                              name: s.name,
                              from: s.confirmedMinutes ?? 0,
                              key: newKey(),
                            })
                          }
                        >
                          更正时长
                        </Button>
                      </View>
                    </>
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
            {d.hasMore && (
              <View className="load-more">
                <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                  加载更多
                </Button>
              </View>
            )}
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
      <Dialog
        visible={correcting !== undefined}
        title="更正已确认的时长"
        content={
          <View data-testid="correct-form">
            <View className="muted">
              {correcting ? `${correcting.name} 当前确认 ${correcting.from} 分钟。` : ''}
              更正会按差额调整时间积分（原记录保留）；志愿者积分不足以扣回时不能更正。
            </View>
            <View className="vt-label">更正为（分钟）</View>
            <Input className="vt-input" type="digit" value={newMinutes} onChange={setNewMinutes} placeholder="分钟数" />
            <TextArea value={reason} maxLength={200} onChange={setReason} placeholder="更正原因（将告知志愿者）" />
          </View>
        }
        confirmText="确定更正"
        cancelText="取消"
        onConfirm={() => void correct()}
        onCancel={() => setCorrecting(undefined)}
      />
    </Page>
  );
}
