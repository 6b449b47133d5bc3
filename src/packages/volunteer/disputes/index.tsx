import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { formatTime } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { InOutTimes, PagedCards, StatusButtons } from '../shared/parts';
import type { TbItem } from '../shared/types';
import '../shared/volunteer.scss';
import { type Deciding, ResolveDialog } from './ResolveDialog';

type Dispute = TbItem<'dispute.queue'>;

const STATUSES = [
  { key: 'open', label: '待处理' },
  { key: 'resolved', label: '已处理' },
] as const;

/** 维持原时长 / 更正时长 for an open dispute; each opens the decision form. */
function DecideButtons(props: { x: Dispute; onDecide: (d: Deciding) => void }) {
  const { x } = props;
  const decide = (decision: Deciding['decision']) =>
    props.onDecide({ id: x.id, name: x.name, decision, current: x.currentMinutes, claimed: x.claimedMinutes });
  return (
    <View className="vt-actions">
      <View data-testid="dispute-uphold" style={{ flex: 1 }}>
        <Button fill="outline" block onClick={() => decide('uphold')}>
          维持原时长
        </Button>
      </View>
      <View data-testid="dispute-correct" style={{ flex: 1 }}>
        <Button type="primary" block onClick={() => decide('correct')}>
          更正时长
        </Button>
      </View>
    </View>
  );
}

function DisputeCard(props: { x: Dispute; onDecide: (d: Deciding) => void }) {
  const { x } = props;
  return (
    <View className="vt-card" data-testid="dispute-item" data-name={x.name}>
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
      <InOutTimes checkInAt={x.checkInAt} checkOutAt={x.checkOutAt} />
      <View className="muted">理由：{x.reason}</View>
      <View className="muted">提交于 {formatTime(x.createdAt)}</View>
      {x.resolutionNote && <View className="muted">处理说明：{x.resolutionNote}</View>}
      {x.status === 'open' && <DecideButtons x={x} onDecide={props.onDecide} />}
    </View>
  );
}

/** Staff's queue of volunteers' disputes about confirmed minutes: uphold, or correct (points adjust). */
export default function Disputes() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const list = usePaged((skip) => call('timebank', 'dispute.queue', { status, skip, limit: 20 }), [status]);
  const [deciding, setDeciding] = useState<Deciding>();
  return (
    <Page>
      <StatusButtons options={STATUSES} value={status} onChange={setStatus} />
      <PagedCards list={list} emptyText="没有申诉">
        {(x) => <DisputeCard key={x.id} x={x} onDecide={setDeciding} />}
      </PagedCards>
      <ResolveDialog deciding={deciding} onClose={() => setDeciding(undefined)} onDone={list.reload} />
    </Page>
  );
}
