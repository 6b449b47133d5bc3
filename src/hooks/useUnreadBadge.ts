import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../services/client';
import { session } from '../services/session';

const ME_TAB_INDEX = 2;

/**
 * Keeps the unread count of the message centre on the 我的 tab, refreshed whenever a tab page
 * shows; returns the count so a page can show it too without asking again.
 */
export function useUnreadBadge(): number | undefined {
  const [count, setCount] = useState<number>();
  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5' && !session.token()) return;
    call('inbox', 'unreadCount', {})
      .then(({ count: unread }) => {
        setCount(unread);
        return unread > 0
          ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) })
          : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
      })
      .catch(() => undefined); // a badge is a hint; pages show their own errors
  });
  return count;
}
