import { Button, Dialog, Input, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Field } from '../../../components/Field';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { StateView } from '../../../components/StateView';
import { TimeField } from '../../../components/TimeField';
import { go, LoadMore } from '../../../components/ui';
import type { Remote } from '../../../hooks/useRemote';
import type { Paged } from '../shared/ui';
import type { Goods, useNewGoods, useRestock } from './useGoodsForms';

type GoodsPage = ActionOutput<'greencoin', 'goods.list'>;
type Reconciliation = ActionOutput<'greencoin', 'stock.reconcile'>;

export function GoodsLinks({ onAdd }: { onAdd: () => void }) {
  return (
    <View className="card gc-links">
      <Button type="primary" onClick={onAdd}>
        上架新商品
      </Button>
      <View data-testid="goods-pickup-settings">
        <Button fill="outline" onClick={() => go('/packages/greencoin/pickupinfo/index')}>
          领取地点与时间
        </Button>
      </View>
    </View>
  );
}

function GoodsRow(props: { goods: Goods; onRestock: (g: Goods) => void; onToggle: (g: Goods) => void }) {
  const g = props.goods;
  return (
    <View className="gc-item" data-testid="admin-goods">
      <View className="gc-item-title">
        {g.name} {!g.active && <Tag>已下架</Tag>}
      </View>
      <View className="muted">
        {g.price} 绿币 · 库存 {g.stock}（审核中占用 {g.reserved}，可兑 {g.available}）
        {g.limitPerPerson > 0 ? ` · 每人限兑 ${g.limitPerPerson}` : ''}
      </View>
      <View className="gc-actions">
        <Button size="small" type="primary" onClick={() => props.onRestock(g)}>
          补货 / 盘点
        </Button>
        <Button size="small" fill="outline" onClick={() => props.onToggle(g)}>
          {g.active ? '下架' : '上架'}
        </Button>
      </View>
    </View>
  );
}

export function GoodsList(props: {
  goods: Paged<GoodsPage>;
  onRestock: (g: Goods) => void;
  onToggle: (g: Goods) => void;
}) {
  const { goods } = props;
  return (
    <StateView remote={goods.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有商品">
      {(d) => (
        <>
          {d.items.map((g) => (
            <GoodsRow key={g.id} goods={g} onRestock={props.onRestock} onToggle={props.onToggle} />
          ))}
          <LoadMore hasMore={d.hasMore} loading={goods.loadingMore} onMore={() => void goods.loadMore()} />
        </>
      )}
    </StateView>
  );
}

/** 月度库存对账: opening + in − out ± count = closing, per goods, for the month picked. */
export function Reconcile(props: { month: string; onMonth: (m: string) => void; recon: Remote<Reconciliation> }) {
  return (
    <View className="card" data-testid="stock-reconcile">
      <View className="card-title">月度库存对账</View>
      <TimeField
        title="对账月份"
        type="year-month"
        value={props.month}
        onChange={props.onMonth}
        testId="reconcile-month"
      />
      <StateView remote={props.recon}>
        {(r) => (
          <>
            <View className="muted">{r.consistent ? '账实相符 ✓' : '存在不一致，请核查'}</View>
            {r.rows.map((row) => (
              <View key={row.goodsId} className="gc-row">
                <View className="gc-row-main">{row.name}</View>
                <View className="muted">
                  期初 {row.opening} + 入 {row.in} − 出 {row.out}
                  {row.adjust ? ` ${row.adjust > 0 ? '+' : '−'} 盘 ${Math.abs(row.adjust)}` : ''} = 期末 {row.closing}
                  {row.consistent ? '' : ' ⚠'}
                </View>
              </View>
            ))}
          </>
        )}
      </StateView>
    </View>
  );
}

export function RestockDialog({ form }: { form: ReturnType<typeof useRestock> }) {
  const { draft, setDraft } = form;
  return (
    <Dialog
      visible={draft !== undefined}
      title={draft ? `补货 / 盘点：${draft.goods.name}` : ''}
      onConfirm={() => void form.save()}
      onCancel={form.close}
    >
      {draft && (
        <View>
          <Field classPrefix="gc" label="数量（盘亏填负数）">
            <Input
              className="gc-input"
              type="number"
              value={draft.delta}
              onChange={(v) => setDraft({ ...draft, delta: v })}
            />
          </Field>
          <Field classPrefix="gc" label="原因">
            <Input
              className="gc-input"
              value={draft.reason}
              maxLength={100}
              placeholder="如：爱心企业捐赠"
              onChange={(v) => setDraft({ ...draft, reason: v })}
            />
          </Field>
        </View>
      )}
    </Dialog>
  );
}

const DRAFT_NUMBERS = [
  ['price', '价格（绿币）'],
  ['stock', '初始库存'],
  ['limit', '每人每月限兑（0 为不限）'],
] as const;

export function NewGoodsDialog({ form }: { form: ReturnType<typeof useNewGoods> }) {
  const { draft, setDraft } = form;
  return (
    <Dialog visible={draft !== undefined} title="上架新商品" onConfirm={() => void form.save()} onCancel={form.close}>
      {draft && (
        <View>
          <Field classPrefix="gc" label="名称">
            <Input
              className="gc-input"
              value={draft.name}
              maxLength={30}
              onChange={(v) => setDraft({ ...draft, name: v })}
            />
          </Field>
          {DRAFT_NUMBERS.map(([field, label]) => (
            <Field key={field} classPrefix="gc" label={label}>
              <Input
                className="gc-input"
                type="number"
                value={draft[field]}
                onChange={(v) => setDraft({ ...draft, [field]: v })}
              />
            </Field>
          ))}
          <Field classPrefix="gc" label="商品照片（居民在爱心超市看到）" testId="goods-photos">
            <PhotoPicker
              value={draft.photos}
              max={3}
              onChange={(photos) => setDraft((d) => (d ? { ...d, photos } : d))}
              testId="goods-add-photo"
            />
          </Field>
        </View>
      )}
    </Dialog>
  );
}
