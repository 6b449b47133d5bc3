import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

type Decision = { id: string; action: 'approve' | 'reject' | 'fulfil'; name: string };

export default function ServiceQueue() {
  const [status, setStatus] = useState<'requested' | 'approved'>('requested');
  const list = usePaged((skip) => call('timebank', 'service.queue', { status, skip, limit: 20 }), [status]);
  const [decision, setDecision] = useState<Decision>();
  const [reason, setReason] = useState('');
  const decide = async () => {
    if (!decision) return;
    const d = decision;
    setDecision(undefined);
    const run =
      d.action === 'approve'
        ? () => call('timebank', 'service.approve', { requestId: d.id })
        : d.action === 'reject'
          ? () => call('timebank', 'service.reject', { requestId: d.id, reason: reason.trim() || '暂无法安排' })
          : () => call('timebank', 'service.fulfil', { requestId: d.id });
    if (await act(run, '已处理')) {
      setReason('');
      await list.reload();
    }
  };
  return (
    <Page>
      <View className="vt-links">
        <Button type={status === 'requested' ? 'primary' : 'default'} onClick={() => setStatus('requested')}>
          待审核
        </Button>
        <Button type={status === 'approved' ? 'primary' : 'default'} onClick={() => setStatus('approved')}>
          待服务
        </Button>
      </View>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="没有待处理的申请">
        {(d) => (
          <>
            {d.items.map((r) => (
              <View key={r.id} className="vt-card" data-testid="service-queue-item">
                <View className="vt-title">
                  {r.serviceName} · {r.points} 积分
                </View>
                <View className="muted">
                  {r.requester} · {formatTime(r.createdAt)}
                </View>
                {r.note && <View className="muted">备注：{r.note}</View>}
                <View className="vt-actions">
                  {r.status === 'requested' ? (
                    <>
                      <Button
                        type="primary"
                        onClick={() => setDecision({ id: r.id, action: 'approve', name: r.serviceName })}
                      >
                        通过
                      </Button>
                      <Button
                        fill="outline"
                        onClick={() => setDecision({ id: r.id, action: 'reject', name: r.serviceName })}
                      >
                        驳回
                      </Button>
                    </>
                  ) : (
                    <Button
                      type="primary"
                      onClick={() => setDecision({ id: r.id, action: 'fulfil', name: r.serviceName })}
                    >
                      登记已服务
                    </Button>
                  )}
                </View>
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={decision !== undefined}
        title={decision?.action === 'approve' ? '通过申请' : decision?.action === 'reject' ? '驳回申请' : '登记已服务'}
        content={
          decision?.action === 'reject' ? (
            <TextArea value={reason} maxLength={200} onChange={setReason} placeholder="驳回原因（将告知申请人）" />
          ) : decision?.action === 'approve' ? (
            `通过「${decision.name}」将扣除冻结的积分，不能撤回。`
          ) : (
            '确认该服务已经完成？'
          )
        }
        confirmText="确定"
        cancelText="取消"
        onConfirm={() => void decide()}
        onCancel={() => setDecision(undefined)}
      />
    </Page>
  );
}
