import { useState } from 'react';
import { Page } from '../../../components/Page';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { GoodsLinks, GoodsList, NewGoodsDialog, Reconcile, RestockDialog } from './sections';
import { toggleActive, useNewGoods, useRestock } from './useGoodsForms';

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/** 商品与库存 (staff): the goods with their stock, restock/count and (de)listing, and the month's reconciliation. */
export default function GoodsAdmin() {
  const goods = usePaged((skip) => call('greencoin', 'goods.list', { skip, limit: 20, includeInactive: true }));
  const [month, setMonth] = useState(thisMonth());
  const recon = useRemote(() => call('greencoin', 'stock.reconcile', { month }), [month]);
  const reloadAll = () => Promise.all([goods.reload(), recon.reload()]);
  const restock = useRestock(reloadAll);
  const adding = useNewGoods(reloadAll);
  return (
    <Page>
      <GoodsLinks onAdd={adding.open} />
      <GoodsList
        goods={goods}
        onRestock={restock.open}
        onToggle={(g) => void toggleActive(g).then((ok) => (ok ? goods.reload() : undefined))}
      />
      <Reconcile month={month} onMonth={setMonth} recon={recon} />
      <RestockDialog form={restock} />
      <NewGoodsDialog form={adding} />
    </Page>
  );
}
