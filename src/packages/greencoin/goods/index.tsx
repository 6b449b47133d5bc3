import { Button, Dialog, Input, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { StateView } from '../../../components/StateView';
import { TimeField } from '../../../components/TimeField';
import { act, LoadMore, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import type { UploadedPhoto } from '../../../services/upload';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

type Goods = ActionOutput<'greencoin', 'goods.list'>['items'][number];

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export default function GoodsAdmin() {
  const goods = usePaged((skip) => call('greencoin', 'goods.list', { skip, limit: 20, includeInactive: true }));
  const [month, setMonth] = useState(thisMonth());
  const recon = useRemote(() => call('greencoin', 'stock.reconcile', { month }), [month]);
  const [restock, setRestock] = useState<{ goods: Goods; delta: string; reason: string; key: string }>();
  const [draft, setDraft] = useState<{
    name: string;
    price: string;
    stock: string;
    limit: string;
    photos: UploadedPhoto[];
  }>();

  const saveRestock = async () => {
    if (!restock) return;
    const delta = Number(restock.delta);
    if (!Number.isInteger(delta) || delta === 0 || !restock.reason.trim()) {
      await act(() => Promise.reject(new Error('请填写数量（负数为盘亏）和原因')), '');
      return;
    }
    const { goods: g, key, reason } = restock;
    setRestock(undefined);
    const ok = await act(
      () => call('greencoin', 'goods.restock', { goodsId: g.id, delta, reason: reason.trim(), idempotencyKey: key }),
      '库存已更新',
    );
    if (ok) await Promise.all([goods.reload(), recon.reload()]);
  };
  const saveDraft = async () => {
    if (!draft) return;
    const price = Number(draft.price);
    const stock = Number(draft.stock || '0');
    const limit = Number(draft.limit || '0');
    if (!draft.name.trim() || !Number.isInteger(price) || price < 1 || !Number.isInteger(stock) || stock < 0) {
      await act(() => Promise.reject(new Error('请填写名称、价格（整数绿币）和库存')), '');
      return;
    }
    setDraft(undefined);
    const ok = await act(
      () =>
        call('greencoin', 'goods.save', {
          name: draft.name.trim(),
          price,
          initialStock: stock,
          limitPerPerson: Number.isInteger(limit) && limit > 0 ? limit : 0,
          limitPeriod: 'month',
          pictures: draft.photos.map((p) => p.fileId),
        }),
      '已上架',
    );
    if (ok) await Promise.all([goods.reload(), recon.reload()]);
  };
  const toggle = async (g: Goods) => {
    const ok = await act(
      () =>
        call('greencoin', 'goods.save', {
          goodsId: g.id,
          name: g.name,
          description: g.description,
          price: g.price,
          limitPerPerson: g.limitPerPerson,
          limitPeriod: g.limitPeriod,
          pictures: g.pictures,
          active: !g.active,
        }),
      g.active ? '已下架' : '已上架',
    );
    if (ok) await goods.reload();
  };

  return (
    <Page>
      <View className="card gc-links">
        <Button type="primary" onClick={() => setDraft({ name: '', price: '', stock: '', limit: '', photos: [] })}>
          上架新商品
        </Button>
        <View data-testid="goods-pickup-settings">
          <Button fill="outline" onClick={() => void Taro.navigateTo({ url: '/packages/greencoin/pickupinfo/index' })}>
            领取地点与时间
          </Button>
        </View>
      </View>
      <StateView remote={goods.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有商品">
        {(d) => (
          <>
            {d.items.map((g) => (
              <View key={g.id} className="gc-item" data-testid="admin-goods">
                <View className="gc-item-title">
                  {g.name} {!g.active && <Tag>已下架</Tag>}
                </View>
                <View className="muted">
                  {g.price} 绿币 · 库存 {g.stock}（审核中占用 {g.reserved}，可兑 {g.available}）
                  {g.limitPerPerson > 0 ? ` · 每人限兑 ${g.limitPerPerson}` : ''}
                </View>
                <View className="gc-actions">
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setRestock({ goods: g, delta: '', reason: '', key: newKey() })}
                  >
                    补货 / 盘点
                  </Button>
                  <Button size="small" fill="outline" onClick={() => void toggle(g)}>
                    {g.active ? '下架' : '上架'}
                  </Button>
                </View>
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={goods.loadingMore} onMore={() => void goods.loadMore()} />
          </>
        )}
      </StateView>
      <View className="card" data-testid="stock-reconcile">
        <View className="card-title">月度库存对账</View>
        <TimeField title="对账月份" type="year-month" value={month} onChange={setMonth} testId="reconcile-month" />
        <StateView remote={recon}>
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
      <Dialog
        visible={restock !== undefined}
        title={restock ? `补货 / 盘点：${restock.goods.name}` : ''}
        onConfirm={() => void saveRestock()}
        onCancel={() => setRestock(undefined)}
      >
        {restock && (
          <View>
            <View className="gc-field">
              <View className="gc-label">数量（盘亏填负数）</View>
              <Input
                className="gc-input"
                type="number"
                value={restock.delta}
                onChange={(v) => setRestock({ ...restock, delta: v })}
              />
            </View>
            <View className="gc-field">
              <View className="gc-label">原因</View>
              <Input
                className="gc-input"
                value={restock.reason}
                maxLength={100}
                placeholder="如：爱心企业捐赠"
                onChange={(v) => setRestock({ ...restock, reason: v })}
              />
            </View>
          </View>
        )}
      </Dialog>
      <Dialog
        visible={draft !== undefined}
        title="上架新商品"
        onConfirm={() => void saveDraft()}
        onCancel={() => setDraft(undefined)}
      >
        {draft && (
          <View>
            <View className="gc-field">
              <View className="gc-label">名称</View>
              <Input
                className="gc-input"
                value={draft.name}
                maxLength={30}
                onChange={(v) => setDraft({ ...draft, name: v })}
              />
            </View>
            <View className="gc-field">
              <View className="gc-label">价格（绿币）</View>
              <Input
                className="gc-input"
                type="number"
                value={draft.price}
                onChange={(v) => setDraft({ ...draft, price: v })}
              />
            </View>
            <View className="gc-field">
              <View className="gc-label">初始库存</View>
              <Input
                className="gc-input"
                type="number"
                value={draft.stock}
                onChange={(v) => setDraft({ ...draft, stock: v })}
              />
            </View>
            <View className="gc-field">
              <View className="gc-label">每人每月限兑（0 为不限）</View>
              <Input
                className="gc-input"
                type="number"
                value={draft.limit}
                onChange={(v) => setDraft({ ...draft, limit: v })}
              />
            </View>
            <View className="gc-field" data-testid="goods-photos">
              <View className="gc-label">商品照片（居民在爱心超市看到）</View>
              <PhotoPicker
                value={draft.photos}
                max={3}
                onChange={(photos) => setDraft((d) => (d ? { ...d, photos } : d))}
                testId="goods-add-photo"
              />
            </View>
          </View>
        )}
      </Dialog>
    </Page>
  );
}
