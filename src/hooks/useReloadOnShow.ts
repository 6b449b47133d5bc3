import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Reloads when the page is shown again (back from a page that changed what it shows), but not on
 * its first show: the first load is the data hook's own, and two would race.
 */
export function useReloadOnShow(reload: () => Promise<void>): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}
