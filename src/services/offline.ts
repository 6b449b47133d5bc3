import Taro from '@tarojs/taro';

/**
 * h5 loads each page's code when it is first opened. Offline, that load fails and Taro's router
 * just stays where it is: the tap seems to do nothing. Say why instead.
 */
export function explainOfflineNavigation(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  const chunkFailed = (reason: unknown) => {
    const text = reason instanceof Error ? `${reason.name} ${reason.message}` : String(reason);
    return /ChunkLoadError|Loading (CSS )?chunk|Failed to fetch dynamically imported module/i.test(text);
  };
  window.addEventListener('unhandledrejection', (event) => {
    if (!chunkFailed(event.reason)) return;
    event.preventDefault();
    void Taro.showToast({ title: '网络不可用，这个页面需要联网后才能打开', icon: 'none', duration: 3000 });
  });
}
