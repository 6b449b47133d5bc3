import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { go } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { KIND_TABS } from '../shared/labels';
import '../shared/services.scss';

/** What the community's window does: what to bring, the fee, the time limit, where to collect; apply online. */
export default function Catalogue() {
  const catalogue = useRemote(() => call('services', 'catalogue', {}));
  const [kind, setKind] = useState<string>('statutory');
  usePullDownRefresh(() => {
    void catalogue.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page className="services">
      <View className="actions" style={{ marginBottom: '10px' }}>
        <Button size="small" onClick={() => go('/packages/services/mine/index')}>
          我的办事
        </Button>
      </View>
      <View className="chips" data-testid="services-kinds">
        {KIND_TABS.map((k) => (
          <View key={k.id} className={`chip ${k.id === kind ? 'chip-active' : ''}`} onClick={() => setKind(k.id)}>
            {k.label}
          </View>
        ))}
      </View>
      <StateView
        remote={catalogue}
        isEmpty={(c) => c.items.filter((i) => i.kind === kind).length === 0}
        emptyText="本社区暂未公布此类事项"
      >
        {(c) => (
          <View data-testid="services-catalogue">
            {c.items
              .filter((i) => i.kind === kind)
              .map((item) => (
                <View key={item.id} className="card" data-testid={`service-item-${item.id}`}>
                  <View className="card-title">{item.name}</View>
                  {item.description ? <Text className="muted">{item.description}</Text> : null}
                  <View className="facts">
                    <Text>所需材料：{item.materials.join('、') || '无'}</Text>
                    <Text>收费：{item.feeLabel}</Text>
                    <Text>承诺时限：受理后 {item.timeLimitDays} 日内办结</Text>
                    <Text>领取地点：{item.collectAt}</Text>
                  </View>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => go(`/packages/services/apply/index?itemId=${encodeURIComponent(item.id)}`)}
                  >
                    在线申请
                  </Button>
                </View>
              ))}
          </View>
        )}
      </StateView>
    </Page>
  );
}
