import { Button, Dialog, Image, InputNumber, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { WhyDisabled } from '../../../components/ui';
import type { Goods, useRedeem } from './useRedeem';

const PERIOD: Record<Goods['limitPeriod'], string> = { week: '每周', month: '每月', none: '' };

export function BalanceCard({ available }: { available: number | undefined }) {
  return (
    <View className="card" data-testid="shop-balance">
      可用绿币：<Text className="gc-price">{available ?? '—'}</Text>
      <View className="muted">兑换需社区工作人员审核，审核前绿币暂时冻结，可随时取消。</View>
    </View>
  );
}

/** 兑换, or why not: short of coins (said before the dialog) or sold out. */
function GoodsAction({ goods: g, short, onRedeem }: { goods: Goods; short: number; onRedeem: () => void }) {
  if (g.available <= 0) return <Tag>已兑完</Tag>;
  if (short > 0) {
    // Said before the dialog: finding out only after confirming is a small humiliation.
    return (
      <View className="gc-short" data-testid="goods-short">
        <Button type="primary" disabled>
          绿币不足
        </Button>
        <WhyDisabled reason={`还差 ${short} 绿币`} />
      </View>
    );
  }
  return (
    <View data-testid="goods-redeem">
      <Button type="primary" onClick={onRedeem}>
        兑换
      </Button>
    </View>
  );
}

export function GoodsCard(props: { goods: Goods; short: number; onRedeem: (g: Goods) => void }) {
  const g = props.goods;
  return (
    <View className="gc-item" data-testid="goods-item" data-name={g.name}>
      {g.pictureUrls[0] && <Image src={g.pictureUrls[0]} width="100%" height="160" mode="aspectFill" lazyLoad />}
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
        <GoodsAction goods={g} short={props.short} onRedeem={() => props.onRedeem(g)} />
      </View>
    </View>
  );
}

/** A form (the 数量 stepper), so it stays a NutUI Dialog rather than the one confirm(). */
export function RedeemDialog({ redeem }: { redeem: ReturnType<typeof useRedeem> }) {
  const { chosen, forWhom } = redeem;
  return (
    <Dialog
      visible={chosen !== undefined}
      title="确认兑换"
      confirmText={redeem.busy ? '提交中…' : '确认兑换'}
      cancelText="再想想"
      onConfirm={() => void redeem.submit()}
      onCancel={redeem.close}
    >
      {chosen && (
        <View data-testid="redeem-confirm">
          <View>{chosen.goods.name}</View>
          <Field classPrefix="gc" label="数量">
            <InputNumber
              value={chosen.quantity}
              min={1}
              max={Math.max(1, Math.min(chosen.goods.available, chosen.goods.limitPerPerson || 99))}
              onChange={(v) => redeem.setQuantity(Number(v))}
            />
          </Field>
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
  );
}
