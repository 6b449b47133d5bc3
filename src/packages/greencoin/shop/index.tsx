import { Page } from '../../../components/Page';
import { ProxyPicker } from '../../../components/ProxyPicker';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { BalanceCard, GoodsCard, RedeemDialog } from './sections';
import { type Goods, useRedeem } from './useRedeem';

/** 爱心超市: goods to redeem with green coins, for oneself or (代办) for a resident who authorised it. */
export default function Shop() {
  const balance = useRemote(() => call('greencoin', 'balance', {}));
  const goods = usePaged((skip) => call('greencoin', 'goods.list', { skip, limit: 20 }));
  const redeem = useRedeem();
  // A helper redeeming for someone spends that person's coins, which this page does not show.
  const shortBy = (g: Goods) =>
    redeem.forWhom || balance.data === undefined ? 0 : Math.max(0, g.price - balance.data.available);
  return (
    <Page>
      <BalanceCard available={balance.data?.available} />
      <ProxyPicker scope="redeem" value={redeem.forWhom} onChange={redeem.pickFor} verb="兑换" testId="shop-for" />
      <StateView remote={goods.remote} isEmpty={(d) => d.items.length === 0} emptyText="超市暂时没有商品">
        {(d) => (
          <>
            {d.items.map((g) => (
              <GoodsCard key={g.id} goods={g} short={shortBy(g)} onRedeem={redeem.choose} />
            ))}
            <LoadMore hasMore={d.hasMore} loading={goods.loadingMore} onMore={() => void goods.loadMore()} />
          </>
        )}
      </StateView>
      <RedeemDialog redeem={redeem} />
    </Page>
  );
}
