import { Button, Dialog, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, LoadMore, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

interface Choice {
  id: string;
  name: string;
  points: number;
  key: string;
}

export default function Services() {
  const services = useRemote(() => call('timebank', 'service.list', {}));
  const me = useRemote(() => call('timebank', 'volunteer.me', {}));
  const mine = usePaged((skip) => call('timebank', 'service.mine', { skip, limit: 20 }));
  const [choice, setChoice] = useState<Choice>();
  const [cancelling, setCancelling] = useState<string>();
  usePullDownRefresh(() => {
    void Promise.all([services.reload(), me.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  const refresh = async () => {
    await Promise.all([me.reload(), mine.reload()]);
  };
  const request = async () => {
    if (!choice) return;
    const c = choice;
    setChoice(undefined);
    if (await act(() => call('timebank', 'service.request', { serviceId: c.id, idempotencyKey: c.key }), '已申请'))
      await refresh();
  };
  const cancel = async () => {
    if (!cancelling) return;
    const id = cancelling;
    setCancelling(undefined);
    if (await act(() => call('timebank', 'service.cancel', { requestId: id }), '已取消，积分已退回')) await refresh();
  };
  return (
    <Page>
      <View className="vt-card">
        <View className="muted">可用时间积分</View>
        <View className="vt-stat-value" data-testid="service-points">
          {me.data?.points.available ?? '—'}
        </View>
      </View>
      <StateView remote={services} isEmpty={(d) => d.items.length === 0} emptyText="暂无可兑换的服务">
        {(d) => (
          <>
            {d.items.map((s) => (
              <View key={s.id} className="vt-card" data-testid="service-item" data-name={s.name}>
                <View className="vt-title">
                  {s.name}
                  <Tag type="success">{s.points} 积分</Tag>
                </View>
                <View className="muted">{s.description}</View>
                <View className="vt-actions">
                  <Button
                    type="primary"
                    onClick={() => setChoice({ id: s.id, name: s.name, points: s.points, key: newKey() })}
                  >
                    申请兑换
                  </Button>
                </View>
              </View>
            ))}
          </>
        )}
      </StateView>
      <View className="vt-title">我的兑换申请</View>
      <StateView remote={mine.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有兑换申请">
        {(d) => (
          <>
            {d.items.map((r) => (
              <View key={r.id} className="vt-card" data-testid="service-request" data-status={r.status}>
                <View className="vt-title">
                  {r.serviceName}
                  <Tag type={r.status === 'requested' ? 'warning' : r.status === 'rejected' ? 'danger' : 'default'}>
                    {r.statusLabel}
                  </Tag>
                </View>
                <View className="muted">
                  {r.points} 积分 · {formatTime(r.createdAt)}
                </View>
                {r.rejectReason && <View className="muted">原因：{r.rejectReason}</View>}
                {r.status === 'requested' && (
                  <View className="vt-actions">
                    <Button fill="outline" onClick={() => setCancelling(r.id)}>
                      取消申请
                    </Button>
                  </View>
                )}
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={mine.loadingMore} onMore={() => void mine.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={choice !== undefined}
        title="申请兑换服务"
        content={choice ? `兑换「${choice.name}」将冻结 ${choice.points} 时间积分，审核通过后扣除。确定申请吗？` : ''}
        confirmText="确认申请"
        cancelText="再想想"
        onConfirm={() => void request()}
        onCancel={() => setChoice(undefined)}
      />
      <Dialog
        visible={cancelling !== undefined}
        title="取消申请"
        content="取消后冻结的积分会退回，确定取消吗？"
        confirmText="确定取消"
        cancelText="不取消"
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(undefined)}
      />
    </Page>
  );
}
