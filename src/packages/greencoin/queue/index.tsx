import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { type QueueAction, QueueItem, QueueLinks, QueueTabs, ReasonDialog, type Tab } from './sections';
import { approve, type Item, REFUND, REJECT, useReasoned } from './useQueueActions';

/** 兑换审核 (staff): requests to approve or reject, approved ones awaiting pickup (or a refund). */
export default function ApprovalQueue() {
  const [tab, setTab] = useState<Tab>('requested');
  const queue = usePaged((skip) => call('greencoin', 'redeem.queue', { status: tab, skip, limit: 20 }), [tab]);
  const rejecting = useReasoned(REJECT, queue.reload);
  const refunding = useReasoned(REFUND, queue.reload);
  // Back from 凭码领取 or 商品与库存: what was approved or picked up there leaves this list.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void queue.reload();
    shown.current = true;
  });
  const onAction = (action: QueueAction, item: Item) => {
    if (action === 'approve') void approve(item).then((ok) => (ok ? queue.reload() : undefined));
    else (action === 'reject' ? rejecting : refunding).open(item);
  };
  return (
    <Page>
      <QueueTabs tab={tab} onTab={setTab} />
      <QueueLinks />
      <StateView
        remote={queue.remote}
        isEmpty={(d) => d.items.length === 0}
        emptyText={tab === 'requested' ? '没有待审核的兑换申请' : '没有待领取的兑换'}
      >
        {(d) => (
          <>
            {d.items.map((r) => (
              <QueueItem key={r.id} item={r} onAction={onAction} />
            ))}
            <LoadMore hasMore={d.hasMore} loading={queue.loadingMore} onMore={() => void queue.loadMore()} />
          </>
        )}
      </StateView>
      <ReasonDialog form={rejecting} />
      <ReasonDialog form={refunding} />
    </Page>
  );
}
