/**
 * h5 only: what `@tarojs/router` gets for its own `./tabbar.js` (config/index.ts swaps the module).
 * Taro's tab bar is a Stencil web component; the router defines it while the app starts, so Stencil's
 * runtime and the component (~55 KB of script, issue 19) were parsed and run before the first page
 * could paint — the bare baseline has no tab bar and none of it. Here the bar is the same element
 * with the same configuration, only defined and added once the first page is up (an idle moment
 * after load, at most a second later). It is appended to the same container, below the page panel,
 * so the page above does not move; its componentDidLoad reads the route then, as it does on every
 * route change.
 */
// @ts-expect-error taro-h5 exports it (the router imports it so), @tarojs/taro's typings do not.
import Taro, { initTabBarApis } from '@tarojs/taro';
import { afterFirstPage } from './afterFirstPage';

interface TabBarConf {
  custom?: boolean;
  list: unknown[];
  homePage?: string;
  mode?: string;
  customRoutes?: Record<string, string | string[]>;
  basename?: string;
  [key: string]: unknown;
}

interface RouterConfig {
  tabBar?: TabBarConf;
  entryPagePath?: string;
  pages?: string[];
  router?: { mode?: string; customRoutes?: Record<string, string | string[]>; basename?: string };
}

/** The router's initTabbar, with the element's definition and insertion moved after the first page. */
export function initTabbar(config: RouterConfig, history: { location: { pathname: string } }, later = afterFirstPage) {
  const conf = config.tabBar;
  if (conf == null || conf.custom) return;
  // What the router knows now (the path the app opened on), exactly as Taro's own initTabbar sets it.
  const homePage = config.entryPagePath || (config.pages ? config.pages[0] : '');
  conf.homePage = history.location.pathname === '/' ? homePage : history.location.pathname;
  const routerConfig = config.router ?? {};
  conf.mode = routerConfig.mode ? routerConfig.mode : 'hash';
  conf.custom = !!routerConfig.customRoutes;
  conf.customRoutes = routerConfig.customRoutes ?? {};
  if (typeof routerConfig.basename !== 'undefined') conf.basename = routerConfig.basename;
  // switchTab, setTabBarBadge, …: available at once, as before (they talk to the bar through events).
  initTabBarApis(config);
  const replay = bufferTabBarCalls();
  later(() => {
    void import(/* webpackChunkName: "tabbar" */ '@tarojs/components/dist/components/taro-tabbar.js').then(
      ({ defineCustomElement }) => {
        defineCustomElement();
        const tabbar = document.createElement('taro-tabbar') as HTMLElement & {
          conf?: TabBarConf;
          componentDidLoad?: () => void;
        };
        tabbar.conf = conf;
        // Its componentDidLoad binds its listeners (Stencil calls it on the element itself, a few
        // tasks after it is added; this build has no componentOnReady): right after that, it is
        // told what was asked of it meanwhile.
        const didLoad = tabbar.componentDidLoad;
        tabbar.componentDidLoad = function (this: typeof tabbar) {
          didLoad?.call(this);
          replay();
        };
        document.getElementById('container')?.appendChild(tabbar);
      },
    );
  });
}

/**
 * The bar's own calls (setTabBarBadge for 我的's unread count, …) are events the element listens
 * to once it has loaded; asked before that, they would be lost (and their promises never settle).
 * They are kept in order and sent again once it listens. (Route changes need no keeping: the bar
 * reads the current route when it loads.)
 */
const TAB_BAR_EVENTS = [
  '__taroSetTabBarBadge',
  '__taroRemoveTabBarBadge',
  '__taroShowTabBarRedDotHandler',
  '__taroHideTabBarRedDotHandler',
  '__taroShowTabBar',
  '__taroHideTabBar',
  '__taroSetTabBarStyle',
  '__taroSetTabBarItem',
];

function bufferTabBarCalls(): () => void {
  const kept: [string, unknown][] = [];
  const keepers = TAB_BAR_EVENTS.map((name) => {
    const keep = (payload: unknown) => kept.push([name, payload]);
    Taro.eventCenter.on(name, keep);
    return [name, keep] as const;
  });
  return () => {
    for (const [name, keep] of keepers) Taro.eventCenter.off(name, keep);
    for (const [name, payload] of kept) Taro.eventCenter.trigger(name, payload);
  };
}
