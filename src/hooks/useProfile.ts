import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { ActionOutput } from '../../cloudfunctions/api';
import { call } from '../services/client';
import { cachedProfile, rememberProfile } from '../services/profileCache';
import { LOGIN_PAGE, session } from '../services/session';
import { takeWarmProfile } from '../services/warmStart';
import { useRemote } from './useRemote';

type Me = ActionOutput<'identity', 'me'>;

/**
 * The signed-in person's profile; on h5 without a token it goes to the persona picker first.
 * `cached`: start from the last-known profile (h5 home, issue 19) and revalidate; an answer equal
 * to it keeps the same object, so the page does not render twice for nothing.
 */
export function useProfile(options: { cached?: boolean } = {}) {
  const signedIn = process.env.TARO_ENV !== 'h5' || session.token() !== null;
  useEffect(() => {
    if (!signedIn) void Taro.reLaunch({ url: LOGIN_PAGE });
  }, [signedIn]);
  const initial = useRef(options.cached && signedIn ? cachedProfile() : undefined);
  const remote = useRemote<Me>(
    async () => {
      if (!signedIn) return new Promise<never>(() => {});
      const fresh = await (takeWarmProfile() ?? call('identity', 'me', {}));
      rememberProfile(fresh);
      const known = initial.current;
      initial.current = undefined;
      return known && JSON.stringify(known) === JSON.stringify(fresh) ? known : fresh;
    },
    [],
    initial.current,
  );
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return remote;
}
