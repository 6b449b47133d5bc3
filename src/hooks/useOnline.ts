import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** Whether the phone has a network now, kept current, for a clear offline indication. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() =>
    process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' ? navigator.onLine : true,
  );
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') {
      const up = () => setOnline(true);
      const down = () => setOnline(false);
      window.addEventListener('online', up);
      window.addEventListener('offline', down);
      return () => {
        window.removeEventListener('online', up);
        window.removeEventListener('offline', down);
      };
    }
    const listener = ({ isConnected }: { isConnected: boolean }) => setOnline(isConnected);
    Taro.getNetworkType()
      .then(({ networkType }) => setOnline(networkType !== 'none'))
      .catch(() => undefined);
    Taro.onNetworkStatusChange(listener);
    return () => Taro.offNetworkStatusChange(listener);
  }, []);
  return online;
}
