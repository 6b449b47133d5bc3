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

export function LoadMore({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  return (
    <View className="vt-more">
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

export const formatTime = (iso: string): string => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

export const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

export const go = (url: string) => void Taro.navigateTo({ url });
