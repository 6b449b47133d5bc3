import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import type { Principal } from '../../../components/ProxyPicker';
import { act, newKey } from '../../../components/ui';
import { call } from '../../../services/client';

export type Goods = ActionOutput<'greencoin', 'goods.list'>['items'][number];
export type Chosen = { goods: Goods; quantity: number; key: string };

/**
 * The redeem form: goods and quantity (a new key whenever the quantity changes: a different
 * request), for the caller or, 代办, for the resident who authorised them (`forWhom`).
 */
export function useRedeem() {
  const [chosen, setChosen] = useState<Chosen>();
  const [busy, setBusy] = useState(false);
  const [forWhom, setForWhom] = useState<Principal>();
  const choose = (goods: Goods) => setChosen({ goods, quantity: 1, key: newKey() });
  const setQuantity = (quantity: number) => setChosen((c) => (c ? { ...c, quantity, key: newKey() } : c));
  const pickFor = (p: Principal | undefined) => {
    setForWhom(p);
    setChosen(undefined);
  };
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
  return { chosen, busy, forWhom, choose, setQuantity, pickFor, close: () => setChosen(undefined), submit };
}
