import { Button, Dialog, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Qr } from '../../../components/Qr';
import { StateView } from '../../../components/StateView';
import { act, formatTime, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { qrText } from '../../../services/qr';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

const TAG_TYPE = {
  requested: 'warning',
  approved: 'success',
  picked_up: 'default',
  rejected: 'danger',
  cancelled: 'default',
  expired: 'default',
  refunded: 'default',
} as const;

export default function MyRedemptions() {
  const list = usePaged((skip) => call('greencoin', 'redeem.mine', { skip, limit: 20 }));
  const [cancelling, setCancelling] = useState<string>();
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  const cancel = async () => {
    if (!cancelling) return;
    const id = cancelling;
    setCancelling(undefined);
    if (await act(() => call('greencoin', 'redeem.cancel', { redemptionId: id }), '已取消，绿币已退回'))
      await list.reload();
  };
  return (
    <Page>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有兑换记录">
        {(d) => (
          <>
            {d.items.map((r) => (
              <View key={r.id} className="gc-item" data-testid="redemption-item" data-status={r.status}>
                <View className="gc-item-title">
                  {r.goodsName} ×{r.quantity}
                  <Tag type={TAG_TYPE[r.status]}>{r.statusLabel}</Tag>
                </View>
                <View className="muted">
                  {r.amount} 绿币 · 申请于 {formatTime(r.createdAt)}
                </View>
                {r.status === 'requested' && (
                  <View className="muted">审核截止 {formatTime(r.expiresAt)}，过期自动退回</View>
                )}
                {r.rejectReason && <View className="muted">驳回原因：{r.rejectReason}</View>}
                {r.refundReason && <View className="muted">退还原因：{r.refundReason}（绿币已退回）</View>}
                {r.pickupCode && r.status === 'approved' && (
                  <View data-testid="pickup-code">
                    <View className="gc-label">到爱心超市出示二维码或领取码</View>
                    <Qr text={qrText({ kind: 'pickup', code: r.pickupCode })} size={180} label="领取二维码" />
                    <View className="gc-code">{r.pickupCode}</View>
                    {r.pickup && (
                      <View className="muted" data-testid="pickup-info">
                        <View>领取地点：{r.pickup.place}</View>
                        <View>开放时间：{r.pickup.hours}</View>
                        <View>请于 {formatTime(r.pickup.deadline)} 前领取</View>
                      </View>
                    )}
                  </View>
                )}
                {r.pickedUpAt && <View className="muted">已于 {formatTime(r.pickedUpAt)} 领取</View>}
                {r.status === 'requested' && (
                  <View className="gc-actions" data-testid="redemption-cancel">
                    <Button fill="outline" onClick={() => setCancelling(r.id)}>
                      取消申请
                    </Button>
                  </View>
                )}
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={cancelling !== undefined}
        title="取消兑换申请"
        content="取消后冻结的绿币会退回，确定取消吗？"
        confirmText="确定取消"
        cancelText="不取消"
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(undefined)}
      />
    </Page>
  );
}
