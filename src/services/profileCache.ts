import Taro from '@tarojs/taro';
import type { ActionOutput } from '../../cloudfunctions/api';
import { session } from './session';

type Me = ActionOutput<'identity', 'me'>;

export const PROFILE_CACHE_KEY = 'gongzhi.me';

interface Cached {
  /** The session it was answered for: another person signing in on this browser never sees it. */
  token: string;
  me: Me;
}

/**
 * h5 first load (issue 19): the home renders at once from the last profile this session was told
 * (stale-while-revalidate), instead of waiting for identity.me behind the app's own code. Only a
 * profile that had accepted the privacy notice is kept, so a new or signed-out person still meets
 * the persona picker and the consent path first; weapp keeps asking (nothing is cached there).
 */
export function cachedProfile(): Me | undefined {
  if (process.env.TARO_ENV !== 'h5') return undefined;
  const token = session.token();
  if (!token) return undefined;
  try {
    const cached = Taro.getStorageSync(PROFILE_CACHE_KEY) as Cached | '';
    if (!cached || cached.token !== token || cached.me.privacy.needsConsent) return undefined;
    return cached.me;
  } catch {
    return undefined;
  }
}

/** Keeps the fresh answer for the next load; one that still needs consent clears what was kept. */
export function rememberProfile(me: Me): void {
  if (process.env.TARO_ENV !== 'h5') return;
  const token = session.token();
  if (!token || me.privacy.needsConsent) {
    Taro.removeStorageSync(PROFILE_CACHE_KEY);
    return;
  }
  Taro.setStorageSync(PROFILE_CACHE_KEY, { token, me } satisfies Cached);
}
