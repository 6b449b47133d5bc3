import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../services/client';
import { session } from '../services/session';

const ME_TAB_INDEX = 2;

/**
 * Keeps the unread count of the message centre on the 我的 tab, refreshed whenever a tab page
 * shows; returns the count so a page can show it too without asking again. `enabled` false (the
 * person has not accepted the privacy notice yet) asks nothing: before consent only identity is
 * called; the count follows as soon as it turns true.
 */
export function useUnreadBadge(enabled = true): number | undefined {
  const [count, setCount] = useState<number>();
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const refresh = () => {
    if (!enabledRef.current) return;
    if (process.env.TARO_ENV === 'h5' && !session.token()) return;
    call('inbox', 'unreadCount', {})
      .then(({ count: unread }) => {
        setCount(unread);
        return unread > 0
          ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) })
          : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
      })
      .catch(() => undefined); // a badge is a hint; pages show their own errors
  };
  useDidShow(refresh);
  // The show came before consent: ask once it is given (a page enabled from the start asks on show only).
  const wasEnabled = useRef(enabled);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh reads the latest state through refs
  useEffect(() => {
    if (enabled && !wasEnabled.current) refresh();
    wasEnabled.current = enabled;
  }, [enabled]);
  return count;
}
