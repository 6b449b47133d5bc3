import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** A client-made idempotency key: one per intended write, reused when the same write is retried. */
export const newKey = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** Runs a call and tells the person how it went; answers whether it succeeded. */
export async function act(run: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await run();
    void Taro.showToast({ title: done, icon: 'success' });
    return true;
  } catch (error) {
    void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    return false;
  }
}

/** The "加载更多" foot of a list; says so when everything is shown. */
export function LoadMore({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  return (
    <View className="list-more">
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

/** "2026-01-05 09:00" in China time, whatever the phone's zone. */
export function formatTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** +5 / -3 / 0: a change in coins or points. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

export const go = (url: string) => void Taro.navigateTo({ url });
