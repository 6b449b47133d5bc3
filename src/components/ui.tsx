import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { toastDone } from './toast';

/** A client-made idempotency key: one per intended write, reused when the same write is retried. */
export const newKey = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** Runs a call and tells the person how it went; answers whether it succeeded. */
export async function act(run: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await run();
    toastDone(done);
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

/**
 * Why a form cannot be sent yet: the first unmet check's words (in the order the form reads), or
 * '' when all are met, so `disabled={why !== ''}` and `<WhyDisabled reason={why} />` agree.
 */
export function whyNot(checks: readonly (readonly [boolean, string])[]): string {
  return checks.find(([met]) => !met)?.[1] ?? '';
}

/**
 * Says, under a button that cannot be pressed yet, what is missing: a grey button alone leaves an
 * older person guessing (tests/e2e/care-pages.test.ts holds every disabled button to it).
 */
export function WhyDisabled({ reason }: { reason: string }) {
  if (!reason) return null;
  return (
    <View className="muted why-disabled" data-testid="why-disabled" role="note">
      {reason}
    </View>
  );
}

/** The fields of an instant in China time, whatever the phone's zone. */
function chinaParts(iso: string) {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    clock: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/**
 * "2026年1月5日 09:00" in China time: people read dates the way the rest of the app writes them
 * (议事会's 1月5日, a disclosure's 2026年1月5日), never as 2026-01-05.
 */
export function formatTime(iso: string): string {
  const p = chinaParts(iso);
  return `${p.year}年${p.month}月${p.day}日 ${p.clock}`;
}

/** "2026年1月5日" in China time (a UTC slice of the ISO text is a day early before 08:00). */
export function formatDay(iso: string): string {
  const p = chinaParts(iso);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** "1月5日 09:00" in China time: a deadline or a recent moment, where the year goes without saying. */
export function formatShort(iso: string): string {
  const p = chinaParts(iso);
  return `${p.month}月${p.day}日 ${p.clock}`;
}

/** "09:00" in China time. */
export const formatClock = (iso: string): string => chinaParts(iso).clock;

/**
 * A picker's value as people read it: "2026年1月5日 09:30", "2026年1月5日", "2026年1月" (the value
 * itself stays "2026-01-05 09:30", the form the pages send).
 */
export function formatPicked(text: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T](\d{1,2}:\d{2}))?$/.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, clock] = m;
  return `${y}年${Number(mo)}月${d ? `${Number(d)}日` : ''}${clock ? ` ${clock.padStart(5, '0')}` : ''}`;
}

/** +5 / -3 / 0: a change in coins or points. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

export const go = (url: string) => void Taro.navigateTo({ url });
