import { Button, Dialog, Image, InputNumber, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { type Principal, ProxyPicker } from '../../../components/ProxyPicker';
import { StateView } from '../../../components/StateView';
import { act, LoadMore, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

type Goods = ActionOutput<'greencoin', 'goods.list'>['items'][number];

const PERIOD: Record<Goods['limitPeriod'], string> = { week: '每周', month: '每月', none: '' };

export default function Shop() {
  const balance = useRemote(() => call('greencoin', 'balance', {}));
  const goods = usePaged((skip) => call('greencoin', 'goods.list', { skip, limit: 20 }));
  const [chosen, setChosen] = useState<{ goods: Goods; quantity: number; key: string }>();
  const [busy, setBusy] = useState(false);
  // 代办: a helper the resident authorised redeems from the resident's coins.
  const [forWhom, setForWhom] = useState<Principal>();

  // A helper redeeming for someone spends that person's coins, which this page does not show.
  const shortBy = (g: Goods) =>
    forWhom || balance.data === undefined ? 0 : Math.max(0, g.price - balance.data.available);

  const submit = async () => {
    if (!chosen) return;
    setBusy(true);
    const ok = await act(
      () =>
        call('greencoin', 'redeem.request', {
          goodsId: chosen.goods.id,
          quantity: chosen.quantity,
          idempotencyKey: chosen.key,
          ...(forWhom ? { onBehalfOfUserId: forWhom.userId } : {}),
        }),
      forWhom ? `已代${forWhom.name}提交` : '已提交，等待审核',
    );
    setBusy(false);
    if (ok) {
      setChosen(undefined);
      // The resident follows a proxied request in their own 我的兑换; the helper stays in the shop.
      if (!forWhom) void Taro.redirectTo({ url: '/packages/greencoin/redemptions/index' });
    }
  };

  return (
    <Page>
      <View className="card" data-testid="shop-balance">
        可用绿币：<Text className="gc-price">{balance.data?.available ?? '—'}</Text>
        <View className="muted">兑换需社区工作人员审核，审核前绿币暂时冻结，可随时取消。</View>
      </View>
      <ProxyPicker
        scope="redeem"
        value={forWhom}
        onChange={(p) => {
          setForWhom(p);
          setChosen(undefined);
        }}
        verb="兑换"
        testId="shop-for"
      />
      <StateView remote={goods.remote} isEmpty={(d) => d.items.length === 0} emptyText="超市暂时没有商品">
        {(d) => (
          <>
            {d.items.map((g) => (
              <View key={g.id} className="gc-item" data-testid="goods-item" data-name={g.name}>
                {g.pictureUrls[0] && (
                  <Image src={g.pictureUrls[0]} width="100%" height="160" mode="aspectFill" lazyLoad />
                )}
                <View className="gc-item-title">{g.name}</View>
                {g.description && <View className="muted">{g.description}</View>}
                <View className="gc-row">
                  <View className="gc-row-main">
                    <Text className="gc-price">{g.price}</Text> 绿币
                    <View className="muted">
                      库存 {g.available}
                      {g.limitPerPerson > 0 ? ` · ${PERIOD[g.limitPeriod]}限兑 ${g.limitPerPerson} 件` : ''}
                    </View>
                  </View>
                  {g.available > 0 && shortBy(g) > 0 ? (
                    // Said before the dialog: finding out only after confirming is a small humiliation.
                    <View className="gc-short" data-testid="goods-short">
                      <Button type="primary" disabled>
                        绿币不足
                      </Button>
                      <View className="muted">还差 {shortBy(g)} 绿币</View>
                    </View>
                  ) : g.available > 0 ? (
                    <View data-testid="goods-redeem">
                      <Button type="primary" onClick={() => setChosen({ goods: g, quantity: 1, key: newKey() })}>
                        兑换
                      </Button>
                    </View>
                  ) : (
                    <Tag>已兑完</Tag>
                  )}
                </View>
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={goods.loadingMore} onMore={() => void goods.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={chosen !== undefined}
        title="确认兑换"
        confirmText={busy ? '提交中…' : '确认兑换'}
        cancelText="再想想"
        onConfirm={() => void submit()}
        onCancel={() => setChosen(undefined)}
      >
        {chosen && (
          <View data-testid="redeem-confirm">
            <View>{chosen.goods.name}</View>
            <View className="gc-field">
              <View className="gc-label">数量</View>
              <InputNumber
                value={chosen.quantity}
                min={1}
                max={Math.max(1, Math.min(chosen.goods.available, chosen.goods.limitPerPerson || 99))}
                onChange={(v) => setChosen({ ...chosen, quantity: Number(v), key: newKey() })}
              />
            </View>
            <View>
              共需 <Text className="gc-price">{chosen.goods.price * chosen.quantity}</Text> 绿币
            </View>
            {forWhom && (
              <View className="muted" data-testid="redeem-for-note">
                代「{forWhom.name}」兑换，冻结对方的绿币
              </View>
            )}
          </View>
        )}
      </Dialog>
    </Page>
  );
}
