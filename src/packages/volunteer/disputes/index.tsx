import { Button, Dialog, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

interface Deciding {
  id: string;
  name: string;
  decision: 'uphold' | 'correct';
  current: number | null;
  claimed: number | null;
}

/** Staff's queue of volunteers' disputes about confirmed minutes: uphold, or correct (points adjust). */
export default function Disputes() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const list = usePaged((skip) => call('timebank', 'dispute.queue', { status, skip, limit: 20 }), [status]);
  const [deciding, setDeciding] = useState<Deciding>();
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const open = (d: Deciding) => {
    setMinutes(d.decision === 'correct' && d.claimed !== null ? String(d.claimed) : '');
    setNote('');
    setDeciding(d);
  };
  const resolve = async () => {
    if (!deciding) return;
    if (note.trim().length < 2) {
      void Taro.showToast({ title: '请填写处理说明', icon: 'none' });
      return;
    }
    const m = Number(minutes.trim());
    if (deciding.decision === 'correct' && (!minutes.trim() || !Number.isInteger(m) || m < 0)) {
      void Taro.showToast({ title: '请填写更正后的分钟数', icon: 'none' });
      return;
    }
    const d = deciding;
    setDeciding(undefined);
    const payload = {
      disputeId: d.id,
      decision: d.decision,
      note: note.trim(),
      ...(d.decision === 'correct' ? { minutes: m } : {}),
    };
    if (await act(() => call('timebank', 'dispute.resolve', payload), '已处理，已通知志愿者')) await list.reload();
  };
  return (
    <Page>
      <View className="vt-links">
        <Button type={status === 'open' ? 'primary' : 'default'} onClick={() => setStatus('open')}>
          待处理
        </Button>
        <Button type={status === 'resolved' ? 'primary' : 'default'} onClick={() => setStatus('resolved')}>
          已处理
        </Button>
      </View>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="没有申诉">
        {(d) => (
          <>
            {d.items.map((x) => (
              <View key={x.id} className="vt-card" data-testid="dispute-item" data-name={x.name}>
                <View className="vt-title">
                  {x.name} · {x.activityTitle}
                  <Tag type={x.status === 'open' ? 'warning' : 'success'}>
                    {x.status === 'open' ? '待处理' : x.statusLabel.replace('申诉已处理：', '')}
                  </Tag>
                </View>
                <View className="muted">
                  申诉时确认 {x.minutesAtFiling} 分钟
                  {x.claimedMinutes !== null ? `，志愿者认为应计 ${x.claimedMinutes} 分钟` : ''}
                  {x.currentPoints !== null ? `；现为 ${x.currentMinutes} 分钟 ${x.currentPoints} 积分` : ''}
                </View>
                <View className="muted">
                  签到 {x.checkInAt ? formatTime(x.checkInAt).slice(11) : '—'} · 签退{' '}
                  {x.checkOutAt ? formatTime(x.checkOutAt).slice(11) : '—'}
                </View>
                <View className="muted">理由：{x.reason}</View>
                <View className="muted">提交于 {formatTime(x.createdAt)}</View>
                {x.resolutionNote && <View className="muted">处理说明：{x.resolutionNote}</View>}
                {x.status === 'open' && (
                  <View className="vt-actions">
                    <View data-testid="dispute-uphold" style={{ flex: 1 }}>
                      <Button
                        fill="outline"
                        block
                        onClick={() =>
                          open({
                            id: x.id,
                            name: x.name,
                            decision: 'uphold',
                            current: x.currentMinutes,
                            claimed: x.claimedMinutes,
                          })
                        }
                      >
                        维持原时长
                      </Button>
                    </View>
                    <View data-testid="dispute-correct" style={{ flex: 1 }}>
                      <Button
                        type="primary"
                        block
                        onClick={() =>
                          open({
                            id: x.id,
                            name: x.name,
                            decision: 'correct',
                            current: x.currentMinutes,
                            claimed: x.claimedMinutes,
                          })
                        }
                      >
                        更正时长
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={deciding !== undefined}
        title={deciding?.decision === 'correct' ? '更正时长' : '维持原时长'}
        content={
          <View data-testid="resolve-form">
            <View className="muted">
              {deciding?.decision === 'correct'
                ? `按差额调整 ${deciding.name} 的时间积分（当前 ${deciding.current ?? '—'} 分钟）；积分不足以扣回时不能更正。`
                : `${deciding?.name ?? ''} 的时长保持不变。`}
              处理结果会通知志愿者。
            </View>
            {deciding?.decision === 'correct' && (
              <>
                <View className="vt-label">更正为（分钟）</View>
                <Input className="vt-input" type="digit" value={minutes} onChange={setMinutes} placeholder="分钟数" />
              </>
            )}
            <TextArea value={note} maxLength={300} onChange={setNote} placeholder="处理说明（将告知志愿者）" />
          </View>
        }
        confirmText="确定"
        cancelText="取消"
        onConfirm={() => void resolve()}
        onCancel={() => setDeciding(undefined)}
      />
    </Page>
  );
}
