import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/client';
import type { Remote } from './useRemote';

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

/** Pages are asked 20 at a time: the server pages, the phone only ever appends. */
export const PAGE_SIZE = 20;

export interface PagedOptions {
  /** Reload from the top when the page shows again (coming back from a detail page that changed an item). */
  reloadOnShow?: boolean;
}

/**
 * A list loaded page by page ("加载更多" or infinite loading), reloaded from the top on pull-down
 * and whenever `deps` change; one hook for every subpackage's lists.
 */
export function usePaged<P extends Page<unknown>>(
  load: (skip: number) => Promise<P>,
  deps: readonly unknown[] = [],
  options: PagedOptions = {},
) {
  type T = P['items'][number];
  const [data, setData] = useState<P>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  // Refs, not state: a virtual list fires its end-reached callback on every scroll event, faster
  // than React re-renders, and two requests for the same skip would show every item twice.
  const dataRef = useRef<P>();
  const busyMore = useRef(false);
  // Bumped by every reload, so a page that arrives after the list was reloaded (tab switched,
  // pull-down) is dropped rather than appended to the wrong list.
  const generation = useRef(0);

  const commit = useCallback((next: P | undefined) => {
    dataRef.current = next;
    setData(next);
  }, []);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const first = await loadRef.current(0);
      if (mine !== generation.current) return;
      commit(first);
      setError(undefined);
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(caught instanceof ApiError ? caught : new ApiError('INTERNAL', '系统繁忙，请稍后再试'));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [commit]);

  const loadMore = useCallback(async () => {
    const current = dataRef.current;
    if (!current?.hasMore || busyMore.current) return;
    const mine = generation.current;
    busyMore.current = true;
    setLoadingMore(true);
    try {
      const next = await loadRef.current(current.items.length);
      const latest = dataRef.current;
      if (mine !== generation.current || !latest) return;
      commit({ ...latest, items: [...latest.items, ...next.items], hasMore: next.hasMore });
    } catch (caught) {
      void Taro.showToast({ title: (caught as Error).message, icon: 'none' });
    } finally {
      busyMore.current = false;
      setLoadingMore(false);
    }
  }, [commit]);

  /** Changes loaded items in place (marked read, status changed) without asking the server again. */
  const update = useCallback(
    (change: (items: T[]) => T[]) => {
      const current = dataRef.current;
      if (current) commit({ ...current, items: change(current.items) });
    },
    [commit],
  );

  useEffect(() => {
    void reload();
  }, [reload, ...deps]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  // The first show is the first load (above); only later shows reload.
  const shown = useRef(false);
  const reloadOnShow = options.reloadOnShow === true;
  useDidShow(() => {
    if (shown.current && reloadOnShow) void reload();
    shown.current = true;
  });

  const remote: Remote<P> = { data, error, loading, reload };
  return { ...remote, remote, loadMore, loadingMore, update };
}
