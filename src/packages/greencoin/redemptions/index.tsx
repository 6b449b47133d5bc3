import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { confirm } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { RedemptionCard } from './sections';

/** 我的兑换: the resident's requests, the pickup code once approved, and cancelling one still in review. */
export default function MyRedemptions() {
  const list = usePaged((skip) => call('greencoin', 'redeem.mine', { skip, limit: 20 }));
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  const cancel = async (redemptionId: string) => {
    const ok = await confirm({
      title: '取消兑换申请',
      content: '取消后冻结的绿币会退回，确定取消吗？',
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (ok && (await act(() => call('greencoin', 'redeem.cancel', { redemptionId }), '已取消，绿币已退回'))) {
      await list.reload();
    }
  };
  return (
    <Page>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有兑换记录">
        {(d) => (
          <>
            {d.items.map((r) => (
              <RedemptionCard key={r.id} item={r} onCancel={(x) => void cancel(x.id)} />
            ))}
            <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
