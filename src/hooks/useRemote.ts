import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/client';

export interface Remote<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads once on mount and on reload(); pages render loading / error / empty from it. */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[] = [], initial?: T): Remote<T> {
  // `initial`: what was last known (stale-while-revalidate); pages render it while the load runs.
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await loadRef.current());
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError('INTERNAL', '系统繁忙，请稍后再试'));
    } finally {
      setLoading(false);
    }
  }, []);

  // Callers pass the inputs that should trigger a reload, like useEffect's own list.
  useEffect(() => {
    void reload();
  }, [reload, ...deps]);

  return { data, error, loading, reload };
}
