import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/client';
import type { Remote } from './useRemote';

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

/**
 * A list loaded page by page ("加载更多"), reloaded from the top on pull-down and whenever `deps`
 * change; one hook for every subpackage's lists.
 */
export function usePaged<T, P extends Page<T>>(load: (skip: number) => Promise<P>, deps: readonly unknown[] = []) {
  const [data, setData] = useState<P>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await loadRef.current(0));
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError('INTERNAL', '系统繁忙，请稍后再试'));
    } finally {
      setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!data?.hasMore || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await loadRef.current(data.items.length);
      setData({ ...data, items: [...data.items, ...next.items], hasMore: next.hasMore });
    } catch (caught) {
      void Taro.showToast({ title: (caught as Error).message, icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  }, [data, loadingMore]);

  useEffect(() => {
    void reload();
  }, [reload, ...deps]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const remote: Remote<P> = { data, error, loading, reload };
  return { ...remote, remote, loadMore, loadingMore };
}
