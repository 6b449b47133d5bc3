import { Button, Input } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { act, formatTime, WhyDisabled } from '../../../components/ui';
import { call } from '../../../services/client';
import { canScan, scanQr } from '../../../services/scan';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

type Done = ActionOutput<'greencoin', 'redeem.pickup'>;

export default function Pickup() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done[]>([]);
  const confirm = async (pickupCode = code) => {
    setBusy(true);
    let result: Done | undefined;
    const ok = await act(async () => {
      result = await call('greencoin', 'redeem.pickup', { pickupCode });
    }, '已确认领取');
    setBusy(false);
    if (ok && result) {
      const picked = result;
      setDone((list) => [picked, ...list]);
      setCode('');
    }
  };
  return (
    <Page>
      <View className="card">
        <View className="card-title">输入居民出示的领取码</View>
        <View className="gc-field" data-testid="pickup-input">
          <Input
            className="gc-input"
            type="digit"
            maxLength={6}
            value={code}
            placeholder="6 位数字"
            onChange={(v) => setCode(v)}
          />
        </View>
        <View className="gc-actions" data-testid="pickup-confirm">
          <Button type="primary" block loading={busy} disabled={!/^\d{6}$/.test(code)} onClick={() => void confirm()}>
            确认已领取
          </Button>
          <WhyDisabled reason={/^\d{6}$/.test(code) ? '' : '请输入居民出示的 6 位领取码'} />
        </View>
        {canScan() && (
          <View className="gc-actions" data-testid="pickup-scan">
            <Button
              block
              fill="outline"
              onClick={() =>
                void scanQr('pickup').then((p) => {
                  // The scanned code goes through the same action as the typed one.
                  if (p) void confirm(p.code);
                })
              }
            >
              扫描居民的领取二维码
            </Button>
          </View>
        )}
      </View>
      <View
        className="card muted"
        data-testid="pickup-settings-link"
        onClick={() => void Taro.navigateTo({ url: '/packages/greencoin/pickupinfo/index' })}
      >
        领取地点、开放时间与领取期限设置 ›
      </View>
      {done.map((r) => (
        <View key={r.id} className="gc-item" data-testid="pickup-done">
          <View className="gc-item-title">
            {r.goodsName} ×{r.quantity}
          </View>
          <View className="muted">
            {r.requester} · {r.pickedUpAt ? formatTime(r.pickedUpAt) : ''} 已领取
          </View>
        </View>
      ))}
    </Page>
  );
}
