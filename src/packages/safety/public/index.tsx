import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/safety.scss';
import { Page } from '../../../components/Page';

/** The public roll of units holding a 平安细胞 title this year (no personal data). */
export default function SafetyRoll() {
  const list = usePaged((skip) => call('safety', 'awarded', { skip, limit: 20 }));
  return (
    <Page className="safety">
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="本年度暂无授牌单位">
        {(p) => (
          <View className="card" data-testid="safety-roll">
            <View className="card-title">平安细胞光荣榜</View>
            {p.items.map((u) => (
              <View key={u.id} className="row">
                <View className="row-head">
                  <Text className="name">{u.name}</Text>
                  <Text className="badge">{u.title}</Text>
                </View>
                <Text className="muted">
                  评定得分 {u.score} 分 · 有效期至 {u.year} 年底
                </Text>
              </View>
            ))}
            {p.hasMore && (
              <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </StateView>
    </Page>
  );
}
