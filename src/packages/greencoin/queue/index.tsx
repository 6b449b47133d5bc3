import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { act, formatTime, go, LoadMore, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

type Item = ActionOutput<'greencoin', 'redeem.queue'>['items'][number];

type Tab = 'requested' | 'approved';

export default function ApprovalQueue() {
  const [tab, setTab] = useState<Tab>('requested');
  const queue = usePaged((skip) => call('greencoin', 'redeem.queue', { status: tab, skip, limit: 20 }), [tab]);
  const [refunding, setRefunding] = useState<{ item: Item; key: string; reason: string }>();
  const [approving, setApproving] = useState<{ item: Item; key: string }>();
  const [rejecting, setRejecting] = useState<{ item: Item; key: string; reason: string }>();
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void queue.reload();
    shown.current = true;
  });

  const approve = async () => {
    if (!approving) return;
    const { item, key } = approving;
    setApproving(undefined);
    if (
      await act(() => call('greencoin', 'redeem.approve', { redemptionId: item.id, idempotencyKey: key }), '已通过')
    ) {
      await queue.reload();
    }
  };
  const reject = async () => {
    if (!rejecting) return;
    const { item, key, reason } = rejecting;
    if (!reason.trim()) {
      await act(() => Promise.reject(new Error('请填写驳回原因')), '');
      return;
    }
    setRejecting(undefined);
    const done = await act(
      () => call('greencoin', 'redeem.reject', { redemptionId: item.id, reason: reason.trim(), idempotencyKey: key }),
      '已驳回',
    );
    if (done) await queue.reload();
  };

  const refund = async () => {
    if (!refunding) return;
    const { item, key, reason } = refunding;
    if (!reason.trim()) {
      await act(() => Promise.reject(new Error('请填写退还原因')), '');
      return;
    }
    setRefunding(undefined);
    const done = await act(
      () => call('greencoin', 'redeem.refund', { redemptionId: item.id, reason: reason.trim(), idempotencyKey: key }),
      '已退还',
    );
    if (done) await queue.reload();
  };

  return (
    <Page>
      <View className="card gc-choice" data-testid="queue-tabs">
        <Button type={tab === 'requested' ? 'primary' : 'default'} onClick={() => setTab('requested')}>
          待审核
        </Button>
        <Button type={tab === 'approved' ? 'primary' : 'default'} onClick={() => setTab('approved')}>
          待领取
        </Button>
      </View>
      <View className="card gc-links">
        <Button fill="outline" onClick={() => go('/packages/greencoin/pickup/index')}>
          凭码领取
        </Button>
        <Button fill="outline" onClick={() => go('/packages/greencoin/goods/index')}>
          商品与库存
        </Button>
      </View>
      <StateView
        remote={queue.remote}
        isEmpty={(d) => d.items.length === 0}
        emptyText={tab === 'requested' ? '没有待审核的兑换申请' : '没有待领取的兑换'}
      >
        {(d) => (
          <>
            {d.items.map((r) => (
              <View key={r.id} className="gc-item" data-testid="queue-item">
                <View className="gc-item-title">
                  {r.goodsName} ×{r.quantity}
                </View>
                <View className="muted">
                  {r.requester} · {r.amount} 绿币 · {formatTime(r.createdAt)}
                </View>
                {r.status === 'requested' && <View className="muted">过期时间 {formatTime(r.expiresAt)}</View>}
                {r.status === 'approved' && (
                  <View className="gc-actions">
                    <Button fill="outline" onClick={() => setRefunding({ item: r, key: newKey(), reason: '' })}>
                      无法领取，退还绿币
                    </Button>
                  </View>
                )}
                {r.status === 'requested' && (
                  <View className="gc-actions">
                    <View data-testid="queue-approve">
                      <Button type="primary" onClick={() => setApproving({ item: r, key: newKey() })}>
                        通过
                      </Button>
                    </View>
                    <View data-testid="queue-reject">
                      <Button
                        type="danger"
                        fill="outline"
                        onClick={() => setRejecting({ item: r, key: newKey(), reason: '' })}
                      >
                        驳回
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={queue.loadingMore} onMore={() => void queue.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={approving !== undefined}
        title="通过兑换"
        content={
          approving ? `通过后将扣除 ${approving.item.requester} 的 ${approving.item.amount} 绿币并出库，确定吗？` : ''
        }
        confirmText="确定通过"
        onConfirm={() => void approve()}
        onCancel={() => setApproving(undefined)}
      />
      <Dialog
        visible={rejecting !== undefined}
        title="驳回兑换"
        confirmText="确定驳回"
        onConfirm={() => void reject()}
        onCancel={() => setRejecting(undefined)}
      >
        {rejecting && (
          <View data-testid="reject-reason">
            <TextArea
              value={rejecting.reason}
              maxLength={200}
              placeholder="请写明原因，居民会收到通知"
              onChange={(v) => setRejecting({ ...rejecting, reason: v })}
            />
          </View>
        )}
      </Dialog>
      <Dialog
        visible={refunding !== undefined}
        title="退还绿币"
        confirmText="确定退还"
        onConfirm={() => void refund()}
        onCancel={() => setRefunding(undefined)}
      >
        {refunding && (
          <TextArea
            value={refunding.reason}
            maxLength={200}
            placeholder="如：商品损坏、居民无法到场"
            onChange={(v) => setRefunding({ ...refunding, reason: v })}
          />
        )}
      </Dialog>
    </Page>
  );
}
