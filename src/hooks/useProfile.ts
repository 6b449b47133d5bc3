import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import { call } from '../services/client';
import { LOGIN_PAGE, session } from '../services/session';
import { takeWarmProfile } from '../services/warmStart';
import { useRemote } from './useRemote';

/** The signed-in person's profile; on h5 without a token it goes to the persona picker first. */
export function useProfile() {
  const signedIn = process.env.TARO_ENV !== 'h5' || session.token() !== null;
  useEffect(() => {
    if (!signedIn) void Taro.reLaunch({ url: LOGIN_PAGE });
  }, [signedIn]);
  const remote = useRemote(() =>
    signedIn ? (takeWarmProfile() ?? call('identity', 'me', {})) : new Promise<never>(() => {}),
  );
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return remote;
}
