import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { PAGE_SIZE, usePaged as useSharedPaged } from '../../hooks/usePaged';
import { serverNow } from './shared';

/**
 * The shared paged list (src/hooks/usePaged) plus what report lists need: a reload when the page
 * shows again (statuses change on the detail page) and the server's clock for SLA countdowns.
 */
export function usePaged<T>(
  load: (skip: number, limit: number) => Promise<{ items: T[]; hasMore: boolean; now?: string }>,
  deps: unknown[],
) {
  const loadedAt = useRef(Date.now());
  const list = useSharedPaged(async (skip: number) => {
    const page = await load(skip, PAGE_SIZE);
    if (skip === 0) loadedAt.current = Date.now();
    return page;
  }, deps);
  const shown = useRef(false);
  useDidShow(() => {
    // Coming back from a detail page: statuses may have changed there.
    if (shown.current) void list.reload();
    shown.current = true;
  });
  /** The server's time now, for SLA countdowns (see serverNow). */
  const now = (): number => serverNow(list.data?.now, loadedAt.current);
  return {
    remote: list.remote,
    items: list.data?.items ?? [],
    hasMore: list.data?.hasMore ?? false,
    loadMore: list.loadMore,
    loadingMore: list.loadingMore,
    now,
  };
}
