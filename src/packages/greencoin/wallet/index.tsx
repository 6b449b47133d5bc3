import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { StateView } from '../../../components/StateView';
import { formatTime, go, LoadMore, signed } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

export default function Wallet() {
  const balance = useRemote(() => call('greencoin', 'balance', {}));
  const history = usePaged((skip) => call('greencoin', 'history', { skip, limit: 20 }));
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      void balance.reload();
      void history.reload();
    }
    shown.current = true;
  });
  return (
    <Page>
      <View className="card" data-testid="gc-balance">
        <View className="card-title">我的绿币</View>
        <StateView remote={balance}>
          {(b) => (
            <View className="gc-balance">
              <View className="gc-balance-item">
                <View className="gc-balance-value" data-testid="gc-available">
                  {b.available}
                </View>
                <View className="gc-balance-label">可用</View>
              </View>
              <View className="gc-balance-item">
                <View className="gc-balance-value" data-testid="gc-held">
                  {b.held}
                </View>
                <View className="gc-balance-label">兑换审核中</View>
              </View>
              <View className="gc-balance-item">
                <View className="gc-balance-value" data-testid="gc-total">
                  {b.balance}
                </View>
                <View className="gc-balance-label">总额</View>
              </View>
            </View>
          )}
        </StateView>
      </View>
      <View className="card gc-links">
        <Button type="primary" onClick={() => go('/packages/greencoin/shop/index')}>
          爱心超市
        </Button>
        <Button type="primary" fill="outline" onClick={() => go('/packages/greencoin/redemptions/index')}>
          我的兑换
        </Button>
        <Button fill="outline" onClick={() => go('/packages/greencoin/public/index')}>
          公开账本
        </Button>
      </View>
      <View className="card" data-testid="gc-history">
        <View className="card-title">收支明细</View>
        <StateView remote={history.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有绿币记录">
          {(d) => (
            <>
              {d.items.map((item) => (
                <View key={item.id} className="gc-row" data-testid="gc-history-item">
                  <View className="gc-row-main">
                    <View>{item.reason}</View>
                    <View className="muted">
                      {formatTime(item.at)} · 余额 {item.balanceAfter}
                    </View>
                  </View>
                  <Text className={item.amount > 0 ? 'gc-amount-plus' : 'gc-amount-minus'}>{signed(item.amount)}</Text>
                </View>
              ))}
              <LoadMore hasMore={d.hasMore} loading={history.loadingMore} onMore={() => void history.loadMore()} />
            </>
          )}
        </StateView>
      </View>
    </Page>
  );
}
