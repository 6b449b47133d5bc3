import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Qr } from '../../../components/Qr';
import { formatTime } from '../../../components/ui';
import { qrText } from '../../../services/qr';

type Redemption = ActionOutput<'greencoin', 'redeem.mine'>['items'][number];

const TAG_TYPE = {
  requested: 'warning',
  approved: 'success',
  picked_up: 'default',
  rejected: 'danger',
  cancelled: 'default',
  expired: 'default',
  refunded: 'default',
} as const;

/** What the resident shows at the counter: the QR, the six digits beside it, and where and until when. */
function PickupCode({ code, pickup }: { code: string; pickup: Redemption['pickup'] }) {
  return (
    <View className="gc-pickup" data-testid="pickup-code">
      <View className="gc-label">到爱心超市出示二维码或领取码</View>
      <Qr text={qrText({ kind: 'pickup', code })} size={180} label="领取二维码" />
      <View className="gc-code">{code}</View>
      {pickup && (
        <View className="muted" data-testid="pickup-info">
          <View>领取地点：{pickup.place}</View>
          <View>开放时间：{pickup.hours}</View>
          <View>请于 {formatTime(pickup.deadline)} 前领取</View>
        </View>
      )}
    </View>
  );
}

export function RedemptionCard({ item: r, onCancel }: { item: Redemption; onCancel: (r: Redemption) => void }) {
  return (
    <View className="gc-item" data-testid="redemption-item" data-status={r.status}>
      <View className="gc-item-title">
        {r.goodsName} ×{r.quantity}
        <Tag type={TAG_TYPE[r.status]}>{r.statusLabel}</Tag>
      </View>
      <View className="muted">
        {r.amount} 绿币 · 申请于 {formatTime(r.createdAt)}
      </View>
      {r.status === 'requested' && <View className="muted">审核截止 {formatTime(r.expiresAt)}，过期自动退回</View>}
      {r.rejectReason && <View className="muted">驳回原因：{r.rejectReason}</View>}
      {r.refundReason && <View className="muted">退还原因：{r.refundReason}（绿币已退回）</View>}
      {r.pickupCode && r.status === 'approved' && <PickupCode code={r.pickupCode} pickup={r.pickup} />}
      {r.pickedUpAt && <View className="muted">已于 {formatTime(r.pickedUpAt)} 领取</View>}
      {r.status === 'requested' && (
        <View className="gc-actions" data-testid="redemption-cancel">
          <Button fill="outline" onClick={() => onCancel(r)}>
            取消申请
          </Button>
        </View>
      )}
    </View>
  );
}
