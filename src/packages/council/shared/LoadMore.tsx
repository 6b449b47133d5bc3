import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';

/** The "加载更多" foot of a list; says so when everything is shown. */
export function LoadMore({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  return (
    <View className="council-more">
      {hasMore ? (
        <Button size="large" fill="none" loading={loading} onClick={onMore}>
          加载更多
        </Button>
      ) : (
        <View className="muted">没有更多了</View>
      )}
    </View>
  );
}
