import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { formatTime, signed } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

export default function PublicLedger() {
  const ledger = useRemote(() => call('greencoin', 'ledger.public', {}));
  usePullDownRefresh(() => {
    void ledger.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page>
      <StateView remote={ledger}>
        {(l) => {
          const maxCategory = Math.max(1, ...l.thisMonth.byCategory.map((c) => c.issued));
          return (
            <>
              <View className="card" data-testid="public-totals">
                <View className="card-title">累计</View>
                <View className="gc-balance">
                  <View className="gc-balance-item">
                    <View className="gc-balance-value">{l.totals.outstanding}</View>
                    <View className="gc-balance-label">累计发放（扣减后）</View>
                  </View>
                  <View className="gc-balance-item">
                    <View className="gc-balance-value">{l.totals.redeemed}</View>
                    <View className="gc-balance-label">累计兑换</View>
                  </View>
                </View>
              </View>
              <View className="card" data-testid="public-month">
                <View className="card-title">{l.month} 本月</View>
                <View>
                  发放 {l.thisMonth.issued} · 扣减 {l.thisMonth.deducted} · 兑换 {l.thisMonth.redeemed}（
                  {l.thisMonth.redemptions} 笔）
                </View>
                {l.thisMonth.byCategory.map((c) => (
                  <View key={c.key} className="gc-field">
                    <View className="muted">
                      {c.name}：{c.issued}
                    </View>
                    <View className="gc-bar" style={{ width: `${Math.round((c.issued / maxCategory) * 100)}%` }} />
                  </View>
                ))}
              </View>
              <View className="card">
                <View className="card-title">近 12 个月</View>
                {l.months
                  .filter((m) => m.issued + m.deducted + m.redeemed > 0)
                  .map((m) => (
                    <View key={m.month} className="gc-row">
                      <View className="gc-row-main">{m.month}</View>
                      <View className="muted">
                        发 {m.issued} / 扣 {m.deducted} / 兑 {m.redeemed}
                      </View>
                    </View>
                  ))}
              </View>
              <View className="card" data-testid="public-recent">
                <View className="card-title">最近发放与扣减（匿名）</View>
                {l.recent.map((r) => (
                  <View key={r.id} className="gc-row">
                    <View className="gc-row-main">
                      <View>{r.reason}</View>
                      <View className="muted">{formatTime(r.at)}</View>
                    </View>
                    <View className={r.amount > 0 ? 'gc-amount-plus' : 'gc-amount-minus'}>{signed(r.amount)}</View>
                  </View>
                ))}
              </View>
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
