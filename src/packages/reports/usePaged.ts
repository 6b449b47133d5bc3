import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { serverNow } from './shared';

const PAGE = 20;

/** A list loaded page by page ("加载更多"), reloaded on pull-down and when the page shows again. */
export function usePaged<T>(
  load: (skip: number, limit: number) => Promise<{ items: T[]; hasMore: boolean; now?: string }>,
  deps: unknown[],
) {
  const [extra, setExtra] = useState<T[]>([]);
  const [more, setMore] = useState<boolean | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadedAt = useRef(Date.now());
  const first = useRemote(async () => {
    setExtra([]);
    setMore(null);
    const page = await load(0, PAGE);
    loadedAt.current = Date.now();
    return page;
  }, deps);
  const shown = useRef(false);
  useDidShow(() => {
    // Coming back from a detail page: statuses may have changed there.
    if (shown.current) void first.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void first.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = [...(first.data?.items ?? []), ...extra];
  const hasMore = more ?? first.data?.hasMore ?? false;
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await load(items.length, PAGE);
      setExtra((list) => [...list, ...page.items]);
      setMore(page.hasMore);
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };
  /** The server's time now, for SLA countdowns (see serverNow). */
  const now = (): number => serverNow(first.data?.now, loadedAt.current);
  return { remote: first, items, hasMore, loadMore, loadingMore, now };
}
