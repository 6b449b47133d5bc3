import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { act, newKey } from '../../../components/ui';
import { call } from '../../../services/client';
import type { UploadedPhoto } from '../../../services/upload';
import { warn } from '../shared/ui';

export type Goods = ActionOutput<'greencoin', 'goods.list'>['items'][number];
export type RestockDraft = { goods: Goods; delta: string; reason: string; key: string };
export type GoodsDraft = { name: string; price: string; stock: string; limit: string; photos: UploadedPhoto[] };

/** 补货 / 盘点: a signed quantity and a reason; the key is made when the form opens, so a retry is one write. */
export function useRestock(onSaved: () => Promise<unknown>) {
  const [draft, setDraft] = useState<RestockDraft>();
  const open = (goods: Goods) => setDraft({ goods, delta: '', reason: '', key: newKey() });
  const save = async () => {
    if (!draft) return;
    const delta = Number(draft.delta);
    if (!Number.isInteger(delta) || delta === 0 || !draft.reason.trim()) return warn('请填写数量（负数为盘亏）和原因');
    const { goods, key, reason } = draft;
    setDraft(undefined);
    const ok = await act(
      () =>
        call('greencoin', 'goods.restock', { goodsId: goods.id, delta, reason: reason.trim(), idempotencyKey: key }),
      '库存已更新',
    );
    if (ok) await onSaved();
  };
  return { draft, setDraft, open, close: () => setDraft(undefined), save };
}

/** 上架新商品: name, whole-coin price, opening stock, a monthly per-person limit (0 = none) and photos. */
export function useNewGoods(onSaved: () => Promise<unknown>) {
  const [draft, setDraft] = useState<GoodsDraft>();
  const open = () => setDraft({ name: '', price: '', stock: '', limit: '', photos: [] });
  const save = async () => {
    if (!draft) return;
    const price = Number(draft.price);
    const stock = Number(draft.stock || '0');
    const limit = Number(draft.limit || '0');
    if (!draft.name.trim() || !Number.isInteger(price) || price < 1 || !Number.isInteger(stock) || stock < 0) {
      return warn('请填写名称、价格（整数绿币）和库存');
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
    if (ok) await onSaved();
  };
  return { draft, setDraft, open, close: () => setDraft(undefined), save };
}

/** 上架 / 下架: the same goods saved again with `active` flipped. */
export async function toggleActive(g: Goods): Promise<boolean> {
  return act(
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
}
