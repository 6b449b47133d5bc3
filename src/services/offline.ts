import Taro from '@tarojs/taro';

/**
 * The pages a resident may need without a network (the 随手拍 form, 我的上报 and a report's
 * detail, 爱心超市, 我的). h5 loads a page's code only when it is first opened; these are fetched
 * once the first page has loaded, so offline they still open (their calls then say the network is
 * down). weapp gets the same from app.config's preloadRule.
 */
export const OFFLINE_PAGES = [
  'pages/report/index',
  'pages/me/index',
  'packages/reports/mine/index',
  'packages/reports/detail/index',
  'packages/greencoin/shop/index',
] as const;

interface TaroRoute {
  path: string;
  load?: (context?: unknown, params?: unknown) => unknown[];
}

type Idle = (fn: () => void, timeoutMs: number) => void;

/**
 * Runs each offline page's code loader (the router's own dynamic import: the same chunks, fetched
 * once), one page per idle moment: loading a page evaluates its modules and adds its stylesheet,
 * and five at once made long tasks right after the home's first paint (issue 19).
 */
function prefetchOfflinePages(idle: Idle): void {
  const routes = (window as unknown as { __taroAppConfig?: { routes?: TaroRoute[] } }).__taroAppConfig?.routes ?? [];
  const wanted = new Set<string>(OFFLINE_PAGES);
  const loaders = routes.filter((r) => wanted.has(r.path.replace(/^\//, '')) && typeof r.load === 'function');
  let done = 0;
  const next = () => {
    const route = loaders[done];
    // Marked on <html> once all settled: a test (or a support person) can tell the pages are on the device.
    if (!route) return document.documentElement.setAttribute('data-offline-ready', String(done));
    let loaded: Promise<unknown>;
    try {
      loaded = Promise.resolve(route.load?.()[0]);
    } catch {
      loaded = Promise.resolve(); // Nothing to prefetch on this router.
    }
    // A failed prefetch (already offline) is retried by the router when the page is opened.
    void loaded
      .catch(() => undefined)
      .then(() => {
        done += 1;
        // Never more than a second apart: all five are there well before anyone goes offline.
        idle(next, 1000);
      });
  };
  next();
}

/**
 * h5 loads each page's code when it is first opened. Offline, that load fails and Taro's router
 * just stays where it is: the tap seems to do nothing. Say why instead; and fetch the pages a
 * resident may open offline once the first page is up (after load and an idle moment, so the
 * first screen's own downloads come first).
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
  const idle: Idle = (fn, timeoutMs) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(fn, { timeout: timeoutMs });
    else window.setTimeout(fn, timeoutMs / 2);
  };
  const afterLoad = () => idle(() => prefetchOfflinePages(idle), 3000);
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}
