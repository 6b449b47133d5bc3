export default defineAppConfig({
  // Only the tab pages and sign-in live in the main package; role areas are subpackages.
  pages: ['pages/index/index', 'pages/report/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    {
      // 志愿服务时间银行: activities, sign-up and check-in, my card and certificate, services; organiser and staff pages.
      root: 'packages/volunteer',
      pages: [
        'activities/index',
        'activity/index',
        'code/index',
        'confirm/index',
        'me/index',
        'certificate/index',
        'mine/index',
        'create/index',
        'services/index',
        'queue/index',
        'staff/index',
        'checkin/index',
        'disputes/index',
        'settings/index',
      ],
    },
    {
      // 绿币: my coins, the love supermarket, my redemptions, the public ledger; staff scoring, queue, pickup, goods.
      root: 'packages/greencoin',
      pages: [
        'wallet/index',
        'shop/index',
        'redemptions/index',
        'public/index',
        'score/index',
        'queue/index',
        'pickup/index',
        'goods/index',
        'pickupinfo/index',
      ],
    },
    {
      // 随手拍: my reports, report detail (timeline, SLA, rating), the work queue, community figures.
      root: 'packages/reports',
      pages: ['mine/index', 'detail/index', 'queue/index', 'stats/index'],
    },
    {
      // 关怀 and 代办: whom a resident lets act for them, and what was done in their name.
      root: 'packages/care',
      pages: ['proxy/index'],
    },
    {
      root: 'packages/profile',
      pages: ['edit/index', 'join/index', 'privacy/index', 'messages/index'],
    },
    {
      // 议事会, 议题, 四议两公开, 公开栏 and 乡贤 opinions: residents, staff and supervisors alike.
      root: 'packages/council',
      pages: [
        'notices/index',
        'meeting/index',
        'topics/index',
        'propose/index',
        'board/index',
        'disclosure/index',
        'procedures/index',
        'procedure/index',
        'manage/index',
        'create/index',
        'minutes/index',
        'start/index',
        'publish/index',
        'opinions/index',
      ],
    },
    {
      // 数据看板: figures per grid, community, street and city; grid-worker evaluation; places, roles and grid-worker management (staff, admins).
      root: 'packages/admin',
      pages: ['dashboard/index', 'places/index', 'roles/index'],
    },
    {
      // 平安细胞: apply and my applications, the public roll (residents); the evaluation queue and screen (staff).
      root: 'packages/safety',
      pages: ['apply/index', 'mine/index', 'public/index', 'queue/index', 'evaluate/index'],
    },
    {
      // 社区为民服务 and 印章使用: the catalogue, applying with material photos, my applications (residents);
      // the window's workbench, the seal register and figures (staff, 乡贤).
      root: 'packages/services',
      pages: ['catalogue/index', 'apply/index', 'mine/index', 'window/index', 'seals/index'],
    },
    {
      // 举报奖励: file a tip (named or anonymous), follow it and its reward; the officers' desk.
      root: 'packages/tips',
      pages: ['report/index', 'mine/index', 'desk/index', 'officers/index'],
    },
    {
      // 乡贤 selection: standards and applying (residents); qualification review (staff) and the street's decision (admins).
      root: 'packages/sages',
      pages: ['apply/index', 'review/index', 'terms/index'],
    },
  ],
  lazyCodeLoading: 'requiredComponents',
  // The pages a resident may open offline (我的上报, a report's detail, 爱心超市) live in these two
  // subpackages: WeChat downloads them on any network once the home page opens (their sizes count
  // against the main package's 2 MB preload quota; tests/weapp/residents-location.test.ts checks the built app.json).
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/reports', 'packages/greencoin'] },
  },
  // 随手拍 picks the place on a map; WeChat refuses location APIs not declared here.
  requiredPrivateInfos: ['chooseLocation'],
  // Voice input for report descriptions (微信同声传译). Opt-in: a declared plugin the AppID has not
  // added in 小程序后台 (and the tourist AppID of project.config.json) stops DevTools from
  // compiling. Once added there, build with TARO_APP_WECHAT_SI=<the version added, e.g. 0.3.5>;
  // services/voice.ts hides the button whenever requirePlugin fails.
  ...(process.env.TARO_APP_WECHAT_SI
    ? { plugins: { WechatSI: { version: process.env.TARO_APP_WECHAT_SI, provider: 'wx069ba97219f66d99' } } }
    : {}),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0f7b5f',
    navigationBarTitleText: '共治',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  // The native tab bar has no font-size field (app.json tabBar: color, selectedColor, backgroundColor,
  // borderStyle, list, position, custom); WeChat draws its labels itself at its own size. 长辈版's
  // 18 px labels are h5's (app.scss); in weapp only a custom tab bar (`custom: true` +
  // src/custom-tab-bar, the selected tab set per page through getTabBar) could enlarge them.
  tabBar: {
    color: '#666666',
    selectedColor: '#0f7b5f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/report/index',
        text: '随手拍',
        iconPath: 'assets/tab/camera.png',
        selectedIconPath: 'assets/tab/camera-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
