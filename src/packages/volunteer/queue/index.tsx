import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { confirm } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { act, formatTime } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { PagedCards, StatusButtons } from '../shared/parts';
import type { TbItem } from '../shared/types';
import '../shared/volunteer.scss';

type Request = TbItem<'service.queue'>;

const STATUSES = [
  { key: 'requested', label: '待审核' },
  { key: 'approved', label: '待服务' },
] as const;

/** 驳回 asks for a reason the requester is told (a form, so a NutUI Dialog). */
function RejectDialog(props: { rejecting: Request | undefined; onClose: () => void; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const reject = async () => {
    if (!props.rejecting) return;
    const requestId = props.rejecting.id;
    props.onClose();
    const payload = { requestId, reason: reason.trim() || '暂无法安排' };
    if (await act(() => call('timebank', 'service.reject', payload), '已处理')) {
      setReason('');
      await props.onDone();
    }
  };
  return (
    <Dialog
      visible={props.rejecting !== undefined}
      title="驳回申请"
      content={<TextArea value={reason} maxLength={200} onChange={setReason} placeholder="驳回原因（将告知申请人）" />}
      confirmText="确定"
      cancelText="取消"
      onConfirm={() => void reject()}
      onCancel={props.onClose}
    />
  );
}

function RequestCard(props: { r: Request; onApprove: () => void; onReject: () => void; onFulfil: () => void }) {
  const { r } = props;
  return (
    <View className="vt-card" data-testid="service-queue-item">
      <View className="vt-title">
        {r.serviceName} · {r.points} 积分
      </View>
      <View className="muted">
        {r.requester} · {formatTime(r.createdAt)}
      </View>
      {r.note && <View className="muted">备注：{r.note}</View>}
      <View className="vt-actions">
        {/* The server's actions for this staff member: no 通过 on their own or a 代办-linked request. */}
        {r.actions.includes('approve') && (
          <Button type="primary" onClick={props.onApprove}>
            通过
          </Button>
        )}
        {r.actions.includes('reject') && (
          <Button fill="outline" onClick={props.onReject}>
            驳回
          </Button>
        )}
        {r.actions.includes('fulfil') && (
          <Button type="primary" onClick={props.onFulfil}>
            登记已服务
          </Button>
        )}
      </View>
    </View>
  );
}

/** Staff's queue of service requests: approve (points are taken), reject with a reason, mark served. */
export default function ServiceQueue() {
  const [status, setStatus] = useState<'requested' | 'approved'>('requested');
  const list = usePaged((skip) => call('timebank', 'service.queue', { status, skip, limit: 20 }), [status]);
  const [rejecting, setRejecting] = useState<Request>();
  const approve = async (r: Request) => {
    const ok = await confirm({
      title: '通过申请',
      content: `通过「${r.serviceName}」将扣除冻结的积分，不能撤回。`,
      confirmText: '确定',
    });
    if (ok && (await act(() => call('timebank', 'service.approve', { requestId: r.id }), '已处理')))
      await list.reload();
  };
  const fulfil = async (r: Request) => {
    const ok = await confirm({ title: '登记已服务', content: '确认该服务已经完成？', confirmText: '确定' });
    if (ok && (await act(() => call('timebank', 'service.fulfil', { requestId: r.id }), '已处理'))) await list.reload();
  };
  return (
    <Page>
      <StatusButtons options={STATUSES} value={status} onChange={setStatus} />
      <PagedCards list={list} emptyText="没有待处理的申请">
        {(r) => (
          <RequestCard
            key={r.id}
            r={r}
            onApprove={() => void approve(r)}
            onReject={() => setRejecting(r)}
            onFulfil={() => void fulfil(r)}
          />
        )}
      </PagedCards>
      <RejectDialog rejecting={rejecting} onClose={() => setRejecting(undefined)} onDone={list.reload} />
    </Page>
  );
}
