/**
 * The simulated `wx` the weapp build runs against in tests: the whole surface, in one place.
 * Small and faithful: what WeChat's base library rejects, this rejects with WeChat's errMsg
 * (`<api>:fail …`), so a page that works here used the API the way a phone accepts.
 *
 * Surface (everything else is absent, so a page calling anything new fails loudly):
 * - storage: getStorageSync / setStorageSync / removeStorageSync / clearStorageSync, and the async
 *   getStorage / setStorage / removeStorage. Values are kept as JSON round-trips (WeChat stores
 *   only what JSON.stringify keeps); getStorageSync of a missing key is ''.
 * - device: getAppBaseInfo (fontSizeScaleFactor, SDKVersion, theme), getWindowInfo,
 *   getSystemInfoSync (deprecated but Taro still reads it), getDeviceInfo, getMenuButtonBoundingClientRect,
 *   getLaunchOptionsSync, getEnterOptionsSync, nextTick, canIUse.
 * - navigation (host.navigate): navigateTo / redirectTo / switchTab / reLaunch / navigateBack. A page
 *   stack across the main package and subpackages; navigateTo and redirectTo to a tab page fail
 *   ("can not navigateTo a tabbar page"), switchTab to a non-tab page fails, unknown routes fail
 *   ("page … is not found"), navigateTo past 10 pages fails ("webview count limit exceed").
 * - feedback: showToast (title required; recorded), hideToast, showLoading / hideLoading,
 *   showModal (answered by host.answerModal; recorded), showActionSheet (cancel), setNavigationBarTitle,
 *   setTabBarBadge / removeTabBarBadge (tab pages only, index within the tab bar), stopPullDownRefresh.
 * - files: getFileSystemManager().readFileSync of a temp file (base64, utf8, hex or an ArrayBuffer).
 * - media: chooseMedia (returns host.photos as temp files: a fixture JPEG), compressImage (a
 *   real temp file; the src must exist), saveFile (a temp file kept: its saved path), previewImage.
 * - location: chooseLocation (host.location; fails unless app.json declares it in requiredPrivateInfos,
 *   as the base library does), getLocation (same rule).
 * - scanCode: the camera sees what host.scan answers (a code's text, or null: the person cancels, and
 *   it fails with "scanCode:fail cancel" as WeChat does). Success is `{ result, scanType, charSet,
 *   rawData }` (scanType QR_CODE, charSet UTF-8, rawData the base64 bytes; `path` only for a wxCode,
 *   which we never print). A scanType list without 'qrCode' cannot read a QR code: the camera never
 *   recognises it, so the person can only cancel. Recorded in record.scans.
 * - requestSubscribeMessage: tmplIds 1–3 required; each answered 'accept' (recorded).
 * - network: getNetworkType / onNetworkStatusChange / offNetworkStatusChange, host.setOnline() fires it.
 * - wx.cloud: init, callFunction (host.callFunction: the WeChat event and the BUILT bundle), uploadFile
 *   (filePath must be a temp file; stored in the loopback bucket), getTempFileURL, deleteFile.
 * - createSelectorQuery (boundingClientRect / scrollOffset / fields answer zeros: there is no layout),
 *   createIntersectionObserver (never intersects), setClipboardData, vibrateShort, getUpdateManager.
 * - files (own block, see `files()` below): env.USER_DATA_PATH ('wxfile://usr'), getFileSystemManager
 *   (writeFile/writeFileSync/readFile/readFileSync/access/accessSync/mkdirSync/unlinkSync/readdirSync)
 *   writing only under USER_DATA_PATH, into folders that exist, within the 200 MB user-file quota;
 *   openDocument (local files only, fileType doc/docx/xls/xlsx/ppt/pptx/pdf: a .csv is refused);
 *   shareFileMessage (local file that exists; only from a tap: a call after an await is refused).
 *   Written files in record.files.
 * Cannot simulate: layout and pixels, real gestures, the real client's timing and memory, plugins.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};
type Options = Record<string, any> & Callbacks;

export class WxError extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg);
  }
}

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
  requiredPrivateInfos?: string[];
}

/** What the runtime (runtime.ts) supplies to the simulated API. */
export interface WxHost {
  appJson: AppJson;
  /** Font scale the person set in WeChat (关怀模式 reads it). */
  fontSizeScaleFactor: number;
  navigate(
    kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
    route: string,
    query: Record<string, string>,
  ): Promise<void>;
  navigateBack(delta: number): Promise<void>;
  stackDepth(): number;
  /** The answer a showModal gets (default: confirm). */
  answerModal(options: { title?: string; content?: string }): boolean;
  callFunction(name: string, data: unknown): Promise<unknown>;
  uploadFile(cloudPath: string, bytes: Buffer): Promise<string>;
  getTempFileURL(fileIds: string[]): Promise<Array<{ fileID: string; tempFileURL: string; status: number }>>;
  /** What chooseMedia picks: fixture photo paths. */
  photos: () => string[];
  location: () => { name: string; address: string; latitude: number; longitude: number };
  /** What the camera sees when a page calls scanCode: a QR code's text, or null (the person cancels). */
  scan?: () => string | null;
  /** True while a tap is being dispatched (the synchronous part of its handler): gesture-only APIs. */
  inTap?: () => boolean;
}

/** WeChat's toast with an icon shows at most 7 Chinese characters' width (two Latin letters or digits take one). */
export function toastShown(title: string, icon: string = 'success'): string {
  if (icon === 'none') return title;
  let width = 0;
  let shown = '';
  for (const ch of title) {
    width += (ch.codePointAt(0) ?? 0) <= 0xff ? 0.5 : 1;
    if (width > 7) return `${shown}…`;
    shown += ch;
  }
  return shown;
}

/** Everything the pages showed the person, for assertions and the bench. */
export interface WxRecord {
  /**
   * `shown` is what the phone draws: with an icon (success, error, loading — success is WeChat's
   * default) the title is cut after 7 Chinese characters' width; without one it may take two lines.
   */
  toasts: Array<{ title: string; icon?: string; shown: string }>;
  modals: Array<{ title?: string; content?: string; confirmed: boolean }>;
  subscriptions: string[][];
  calls: Array<{ name: string; action: string }>;
  /** Each scanCode call: the options' onlyFromCamera and scanType, and what was read (null: cancelled). */
  scans: Array<{ onlyFromCamera: boolean; scanType?: string[]; result: string | null }>;
  /** Anything the pages called that this surface does not offer. */
  missing: string[];
  /** Files the pages wrote under USER_DATA_PATH (path → bytes), and each file sent to a chat. */
  files: Map<string, Buffer>;
  shared: Array<{ filePath: string; fileName?: string; bytes: Buffer }>;
  opened: Array<{ filePath: string; fileType?: string }>;
}

const TEMP_DIR = path.join(tmpdir(), `gongzhi-wx-${process.pid}`);
let tempSeq = 0;
/** WeChat's temp files are `http://tmp/…` paths; we keep the bytes on disk under a real path. */
export function tempFile(bytes: Buffer, ext: string): string {
  mkdirSync(TEMP_DIR, { recursive: true });
  const file = path.join(TEMP_DIR, `tmp_${++tempSeq}.${ext}`);
  writeFileSync(file, bytes);
  return file;
}
const isTempFile = (p: unknown): p is string => typeof p === 'string' && p.startsWith(TEMP_DIR) && existsSync(p);

/** The smallest valid JPEG (1×1, baseline): real magic bytes, so server-side type checks see a photo. */
export const FIXTURE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/**
 * Wraps an implementation in WeChat's calling convention: success/fail/complete callbacks, and a
 * Promise when none is given (as the base library does for these APIs).
 */
function api(name: string, impl: (o: Options) => unknown | Promise<unknown>) {
  return (options: Options = {}) => {
    const run = (async () => {
      const res = await impl(options);
      return { errMsg: `${name}:ok`, ...(res as object) };
    })();
    const hasCallbacks = options.success || options.fail || options.complete;
    const settled = run.then(
      (res) => {
        options.success?.(res);
        options.complete?.(res);
        return res;
      },
      (error: unknown) => {
        const errMsg = error instanceof WxError ? error.errMsg : `${name}:fail ${(error as Error)?.message ?? error}`;
        const res = { errMsg };
        options.fail?.(res);
        options.complete?.(res);
        if (!hasCallbacks) throw res;
        return res;
      },
    );
    if (hasCallbacks) {
      settled.catch(() => undefined);
      return undefined;
    }
    return settled;
  };
}

const fail = (name: string, reason: string) => new WxError(`${name}:fail ${reason}`);

/** Splits `/packages/x/y/index?a=1` into a route without leading slash and its query. */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart = '', queryPart = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const [k = '', v = ''] = pair.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { route: pathPart.replace(/^\//, ''), query };
}

export function allRoutes(app: AppJson): string[] {
  return [
    ...app.pages,
    ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
  ];
}

export function createWx(host: WxHost): { wx: Record<string, any>; record: WxRecord; setOnline(on: boolean): void } {
  const storage = new Map<string, string>();
  const record: WxRecord = {
    toasts: [],
    modals: [],
    subscriptions: [],
    calls: [],
    scans: [],
    missing: [],
    files: new Map(),
    shared: [],
    opened: [],
  };
  const networkListeners = new Set<(res: { isConnected: boolean; networkType: string }) => void>();
  let online = true;
  const tabs = new Set((host.appJson.tabBar?.list ?? []).map((t) => t.pagePath));
  const routes = new Set(allRoutes(host.appJson));
  const declared = new Set(host.appJson.requiredPrivateInfos ?? []);

  const routeCheck = (name: string, url: unknown) => {
    if (typeof url !== 'string' || url === '') throw fail(name, 'parameter error: parameter.url should be String');
    const { route, query } = parseUrl(url);
    if (!routes.has(route)) throw fail(name, `page "${route}" is not found`);
    return { route, query };
  };

  const window = {
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 812,
    statusBarHeight: 44,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    screenTop: 0,
  };
  const base = () => ({
    SDKVersion: '3.6.0',
    enableDebug: false,
    host: { env: 'WeChat' },
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    fontSizeScaleFactor: host.fontSizeScaleFactor,
    fontSizeSetting: Math.round(16 * host.fontSizeScaleFactor),
  });
  const device = { brand: 'devtools', model: 'iPhone 13', system: 'iOS 17.0', platform: 'devtools' };

  const wx: Record<string, any> = {
    // storage
    getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(storage.get(key) as string) : ''),
    setStorageSync: (key: string, value: unknown) => {
      if (typeof key !== 'string' || key === '') throw new Error('setStorageSync:fail parameter error');
      storage.set(key, JSON.stringify(value ?? null));
    },
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: api('getStorage', ({ key }) => {
      if (!storage.has(key)) throw fail('getStorage', 'data not found');
      return { data: JSON.parse(storage.get(key) as string) };
    }),
    setStorage: api('setStorage', ({ key, data }) => void storage.set(key, JSON.stringify(data ?? null))),
    removeStorage: api('removeStorage', ({ key }) => void storage.delete(key)),

    // device and app
    getAppBaseInfo: () => base(),
    getWindowInfo: () => ({ ...window }),
    getDeviceInfo: () => ({ ...device }),
    getSystemInfoSync: () => ({ ...window, ...device, ...base() }),
    getSystemInfo: api('getSystemInfo', () => ({ ...window, ...device, ...base() })),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }),
    getLaunchOptionsSync: () => ({ path: host.appJson.pages[0], scene: 1001, query: {}, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: host.appJson.pages[0], scene: 1001, query: {}, referrerInfo: {} }),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    canIUse: () => true,
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    onAppShow() {},
    onAppHide() {},
    offAppShow() {},
    offAppHide() {},
    onError() {},
    onUnhandledRejection() {},
    onPageNotFound() {},
    onThemeChange() {},
    offThemeChange() {},
    onMemoryWarning() {},
    reportAnalytics() {},

    // navigation
    navigateTo: api('navigateTo', async ({ url }) => {
      const { route, query } = routeCheck('navigateTo', url);
      if (tabs.has(route)) throw fail('navigateTo', 'can not navigateTo a tabbar page');
      if (host.stackDepth() >= 10) throw fail('navigateTo', 'webview count limit exceed');
      await host.navigate('navigateTo', route, query);
    }),
    redirectTo: api('redirectTo', async ({ url }) => {
      const { route, query } = routeCheck('redirectTo', url);
      if (tabs.has(route)) throw fail('redirectTo', 'can not redirectTo a tabbar page');
      await host.navigate('redirectTo', route, query);
    }),
    switchTab: api('switchTab', async ({ url }) => {
      const { route } = routeCheck('switchTab', url);
      if (!tabs.has(route)) throw fail('switchTab', `can not switch to no-tabBar page`);
      // WeChat drops the query of a switchTab url.
      await host.navigate('switchTab', route, {});
    }),
    reLaunch: api('reLaunch', async ({ url }) => {
      const { route, query } = routeCheck('reLaunch', url);
      await host.navigate('reLaunch', route, query);
    }),
    navigateBack: api('navigateBack', async ({ delta = 1 }) => {
      if (host.stackDepth() <= 1) throw fail('navigateBack', 'cannot navigate back at first page.');
      await host.navigateBack(Math.max(1, Number(delta) || 1));
    }),

    // feedback
    showToast: api('showToast', ({ title, icon }) => {
      if (typeof title !== 'string') throw fail('showToast', 'parameter error: parameter.title should be String');
      record.toasts.push({ title, icon, shown: toastShown(title, icon) });
    }),
    hideToast: api('hideToast', () => undefined),
    showLoading: api('showLoading', ({ title }) => {
      if (typeof title !== 'string') throw fail('showLoading', 'parameter error: parameter.title should be String');
    }),
    hideLoading: api('hideLoading', () => undefined),
    showModal: api('showModal', ({ title, content }) => {
      const confirmed = host.answerModal({ title, content });
      record.modals.push({ title, content, confirmed });
      return { confirm: confirmed, cancel: !confirmed };
    }),
    showActionSheet: api('showActionSheet', () => {
      throw fail('showActionSheet', 'cancel');
    }),
    setNavigationBarTitle: api('setNavigationBarTitle', () => undefined),
    setNavigationBarColor: api('setNavigationBarColor', () => undefined),
    stopPullDownRefresh: api('stopPullDownRefresh', () => undefined),
    startPullDownRefresh: api('startPullDownRefresh', () => undefined),
    pageScrollTo: api('pageScrollTo', () => undefined),
    setTabBarBadge: api('setTabBarBadge', ({ index, text }) => {
      if (typeof text !== 'string') throw fail('setTabBarBadge', 'parameter error');
      if (!(index >= 0 && index < tabs.size)) throw fail('setTabBarBadge', 'tabbar item not found');
    }),
    removeTabBarBadge: api('removeTabBarBadge', ({ index }) => {
      if (!(index >= 0 && index < tabs.size)) throw fail('removeTabBarBadge', 'tabbar item not found');
    }),
    setClipboardData: api('setClipboardData', ({ data }) => {
      if (typeof data !== 'string') throw fail('setClipboardData', 'parameter error');
    }),
    vibrateShort: api('vibrateShort', () => undefined),
    // Files: only the temp files the media APIs handed out exist, as on the phone.
    getFileSystemManager: () => ({
      readFileSync(filePath: unknown, encoding?: string) {
        if (!isTempFile(filePath))
          throw new Error(`readFileSync:fail no such file or directory, open ${String(filePath)}`);
        const bytes = readFileSync(filePath);
        if (encoding === undefined) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
        if (encoding !== 'base64' && encoding !== 'utf8' && encoding !== 'hex') {
          throw new Error(`readFileSync:fail invalid encoding: ${encoding}`);
        }
        return bytes.toString(encoding as BufferEncoding);
      },
    }),

    // media
    chooseMedia: api('chooseMedia', ({ count = 9, mediaType = ['image', 'video'] }) => {
      if (!(count >= 1 && count <= 20)) throw fail('chooseMedia', 'parameter error: count should be 1-20');
      if (!mediaType.includes('image')) throw fail('chooseMedia', 'cancel');
      const picked = host.photos().slice(0, count);
      if (picked.length === 0) throw fail('chooseMedia', 'cancel');
      return {
        type: 'image',
        tempFiles: picked.map((p) => {
          const bytes = readFileSync(p);
          return { tempFilePath: tempFile(bytes, 'jpg'), size: bytes.length, fileType: 'image' };
        }),
      };
    }),
    compressImage: api('compressImage', ({ src, quality = 80 }) => {
      if (!isTempFile(src)) throw fail('compressImage', 'file not found');
      if (!(quality >= 0 && quality <= 100)) throw fail('compressImage', 'parameter error');
      return { tempFilePath: tempFile(readFileSync(src), 'jpg') };
    }),
    // A temp file WeChat would delete is kept: the saved path stays readable (and uploadable) later.
    saveFile: api('saveFile', ({ tempFilePath }) => {
      if (!isTempFile(tempFilePath)) throw fail('saveFile', 'tempFilePath file not exist');
      return { savedFilePath: tempFile(readFileSync(tempFilePath), 'jpg') };
    }),
    previewImage: api('previewImage', ({ urls }) => {
      if (!Array.isArray(urls) || urls.length === 0) throw fail('previewImage', 'parameter error');
    }),

    // location: the base library refuses these unless app.json declares them.
    chooseLocation: api('chooseLocation', () => {
      if (!declared.has('chooseLocation'))
        throw fail('chooseLocation', 'the api need to be declared in the requiredPrivateInfos field in app.json');
      return host.location();
    }),
    getLocation: api('getLocation', () => {
      if (!declared.has('getLocation'))
        throw fail('getLocation', 'the api need to be declared in the requiredPrivateInfos field in app.json');
      const { latitude, longitude } = host.location();
      return { latitude, longitude, accuracy: 30 };
    }),

    // scan: the host decides what the camera sees; our codes are QR codes.
    scanCode: api('scanCode', ({ onlyFromCamera, scanType }) => {
      if (scanType !== undefined && (!Array.isArray(scanType) || scanType.some((t) => typeof t !== 'string')))
        throw fail('scanCode', 'parameter error: parameter.scanType should be Array');
      const seen = host.scan?.() ?? null;
      // A scanner told to look for bar codes only never recognises a QR code: the person gives up.
      const readable = seen !== null && (scanType === undefined || scanType.includes('qrCode'));
      const result = readable ? seen : null;
      record.scans.push({ onlyFromCamera: onlyFromCamera === true, scanType, result });
      if (result === null) throw fail('scanCode', 'cancel');
      return { result, scanType: 'QR_CODE', charSet: 'UTF-8', rawData: Buffer.from(result, 'utf8').toString('base64') };
    }),

    requestSubscribeMessage: api('requestSubscribeMessage', ({ tmplIds }) => {
      if (!Array.isArray(tmplIds) || tmplIds.length === 0)
        throw new WxError('requestSubscribeMessage:fail parameter error: parameter.tmplIds should be Array');
      if (tmplIds.length > 3) throw new WxError('requestSubscribeMessage:fail TmplIds can not be more than 3');
      record.subscriptions.push(tmplIds);
      return Object.fromEntries(tmplIds.map((id: string) => [id, 'accept']));
    }),

    // network
    getNetworkType: api('getNetworkType', () => ({ networkType: online ? 'wifi' : 'none' })),
    onNetworkStatusChange: (fn: (res: { isConnected: boolean; networkType: string }) => void) =>
      void networkListeners.add(fn),
    offNetworkStatusChange: (fn?: (res: { isConnected: boolean; networkType: string }) => void) => {
      if (fn) networkListeners.delete(fn);
      else networkListeners.clear();
    },

    // views without layout
    createSelectorQuery: () => selectorQuery(),
    createIntersectionObserver: () => ({
      relativeTo() {
        return this;
      },
      relativeToViewport() {
        return this;
      },
      observe() {},
      disconnect() {},
    }),

    ...files(record, host),

    cloud: {
      init: (options: { env?: string } = {}) => {
        if (options.env !== undefined && typeof options.env !== 'string' && typeof options.env !== 'object')
          throw new Error('cloud.init:fail parameter error');
      },
      callFunction: api('cloud.callFunction', async ({ name, data }) => {
        if (typeof name !== 'string' || name === '') throw fail('cloud.callFunction', 'parameter error: name');
        if (!online) throw fail('cloud.callFunction', 'request:fail network unavailable');
        const action = (data as { action?: string } | undefined)?.action ?? '';
        record.calls.push({ name, action });
        return { result: await host.callFunction(name, data ?? {}), requestID: `req-${record.calls.length}` };
      }),
      uploadFile: api('cloud.uploadFile', async ({ cloudPath, filePath }) => {
        if (typeof cloudPath !== 'string' || cloudPath === '' || cloudPath.startsWith('/'))
          throw fail('cloud.uploadFile', 'parameter error: cloudPath');
        if (!isTempFile(filePath)) throw fail('cloud.uploadFile', 'file not found');
        if (!online) throw fail('cloud.uploadFile', 'request:fail network unavailable');
        return { fileID: await host.uploadFile(cloudPath, readFileSync(filePath)), statusCode: 204 };
      }),
      getTempFileURL: api('cloud.getTempFileURL', async ({ fileList }) => {
        if (!Array.isArray(fileList) || fileList.length === 0 || fileList.length > 50)
          throw fail('cloud.getTempFileURL', 'parameter error: fileList');
        const ids = fileList.map((f: string | { fileID: string }) => (typeof f === 'string' ? f : f.fileID));
        return { fileList: await host.getTempFileURL(ids) };
      }),
      deleteFile: api('cloud.deleteFile', ({ fileList }) => ({
        fileList: (fileList as string[]).map((fileID) => ({ fileID, status: 0 })),
      })),
    },
  };

  // Anything the build asks for beyond this surface is recorded (and is undefined, as on an old base library).
  const proxied = new Proxy(wx, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target) && !['then', 'toJSON', '__esModule'].includes(key)) {
        record.missing.push(key);
      }
      return target[key as string];
    },
  });

  return {
    wx: proxied,
    record,
    setOnline(on: boolean) {
      online = on;
      for (const listener of networkListeners) listener({ isConnected: on, networkType: on ? 'wifi' : 'none' });
    },
  };
}

// ---- files: the user data folder, openDocument, shareFileMessage --------------------------------
// From WeChat's docs (文件系统, FileSystemManager.writeFile, wx.openDocument, wx.shareFileMessage):
// a mini-program may write only 本地用户文件 under wx.env.USER_DATA_PATH (elsewhere: "permission
// denied"), into a folder that exists ("no such file or directory"), within 200 MB of user files;
// openDocument opens doc/docx/xls/xlsx/ppt/pptx/pdf only; shareFileMessage (base library 2.16.1)
// takes a local or temp path and "仅在点击行为时调用" — we hold it to the tap's synchronous part, the
// strict reading, so a page that awaits a network call first is caught here rather than on a phone.

export const USER_DATA_PATH = 'wxfile://usr';
const USER_FILES_QUOTA = 200 * 1024 * 1024;
const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];
const ENCODINGS: Record<string, BufferEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  ascii: 'ascii',
  base64: 'base64',
  binary: 'binary',
  latin1: 'latin1',
  hex: 'hex',
  ucs2: 'ucs2',
  'ucs-2': 'ucs2',
  utf16le: 'utf16le',
  'utf-16le': 'utf16le',
};

function files(record: WxRecord, host: WxHost): Record<string, any> {
  const dirs = new Set<string>([USER_DATA_PATH]);
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/'));
  const used = () => [...record.files.values()].reduce((n, b) => n + b.length, 0);
  const userPath = (p: unknown): p is string => typeof p === 'string' && p.startsWith(`${USER_DATA_PATH}/`);
  const exists = (p: unknown): p is string =>
    typeof p === 'string' && (record.files.has(p) || dirs.has(p) || isTempFile(p));
  const bytesOf = (p: string): Buffer => record.files.get(p) ?? readFileSync(p);

  const write = (name: string, filePath: unknown, data: unknown, encoding = 'utf8') => {
    if (!userPath(filePath)) throw fail(name, `permission denied, open ${String(filePath)}`);
    if (!dirs.has(parent(filePath))) throw fail(name, `no such file or directory, open ${filePath}`);
    if (dirs.has(filePath)) throw fail(name, `illegal operation on a directory, open ${filePath}`);
    let bytes: Buffer;
    if (typeof data === 'string') {
      const enc = ENCODINGS[encoding];
      if (!enc) throw fail(name, `invalid encoding ${encoding}`);
      bytes = Buffer.from(data, enc);
    } else if (data instanceof ArrayBuffer) bytes = Buffer.from(data);
    else throw fail(name, 'parameter error: parameter.data should be String/ArrayBuffer');
    if (used() - (record.files.get(filePath)?.length ?? 0) + bytes.length > USER_FILES_QUOTA)
      throw fail(name, 'the maximum size of the file storage limit is exceeded');
    record.files.set(filePath, bytes);
  };
  const read = (name: string, filePath: unknown, encoding?: string) => {
    if (!exists(filePath) || dirs.has(filePath))
      throw fail(name, `no such file or directory, open ${String(filePath)}`);
    const bytes = bytesOf(filePath);
    if (encoding === undefined) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const enc = ENCODINGS[encoding];
    if (!enc) throw fail(name, `invalid encoding ${encoding}`);
    return bytes.toString(enc);
  };
  const sync =
    <A extends unknown[], R>(fn: (...a: A) => R) =>
    (...a: A): R => {
      try {
        return fn(...a);
      } catch (error) {
        // The sync variants throw an Error whose message is the errMsg.
        throw new Error(error instanceof WxError ? error.errMsg : String(error));
      }
    };

  const fs = {
    writeFile: api('writeFile', ({ filePath, data, encoding }) => write('writeFile', filePath, data, encoding)),
    writeFileSync: sync((filePath: string, data: unknown, encoding?: string) =>
      write('writeFileSync', filePath, data, encoding),
    ),
    readFile: api('readFile', ({ filePath, encoding }) => ({ data: read('readFile', filePath, encoding) })),
    readFileSync: sync((filePath: string, encoding?: string) => read('readFileSync', filePath, encoding)),
    access: api('access', ({ path: p }) => {
      if (!exists(p)) throw fail('access', `no such file or directory ${String(p)}`);
    }),
    accessSync: sync((p: string) => {
      if (!exists(p)) throw fail('accessSync', `no such file or directory ${p}`);
    }),
    mkdirSync: sync((dirPath: string, recursive = false) => {
      if (!userPath(dirPath)) throw fail('mkdirSync', `permission denied, open ${dirPath}`);
      if (dirs.has(dirPath) || record.files.has(dirPath)) throw fail('mkdirSync', `file already exists ${dirPath}`);
      if (!recursive && !dirs.has(parent(dirPath))) throw fail('mkdirSync', `no such file or directory ${dirPath}`);
      for (let d = dirPath; d.length > USER_DATA_PATH.length; d = parent(d)) dirs.add(d);
    }),
    unlinkSync: sync((filePath: string) => {
      if (!record.files.has(filePath)) throw fail('unlinkSync', `no such file or directory ${filePath}`);
      record.files.delete(filePath);
    }),
    readdirSync: sync((dirPath: string) => {
      if (!dirs.has(dirPath)) throw fail('readdirSync', `no such file or directory ${dirPath}`);
      const inside = [...record.files.keys(), ...dirs].filter((p) => parent(p) === dirPath);
      return inside.map((p) => p.slice(dirPath.length + 1));
    }),
  };

  return {
    env: { USER_DATA_PATH },
    getFileSystemManager: () => fs,
    openDocument: api('openDocument', ({ filePath, fileType }) => {
      if (typeof filePath !== 'string' || filePath === '')
        throw fail('openDocument', 'parameter error: parameter.filePath should be String');
      if (!exists(filePath)) throw fail('openDocument', 'file not exist');
      const type = (fileType ?? filePath.split('.').pop() ?? '').toLowerCase();
      if (!DOCUMENT_TYPES.includes(type)) throw fail('openDocument', 'filetype not supported');
      record.opened.push({ filePath, fileType });
    }),
    shareFileMessage: (options: Options = {}) => {
      // Checked when called, not when the promise settles: the gesture is the caller's moment.
      const tapped = host.inTap?.() ?? false;
      return api('shareFileMessage', ({ filePath, fileName }) => {
        if (!tapped) throw fail('shareFileMessage', 'can only be invoked by user TAP gesture.');
        if (typeof filePath !== 'string' || filePath === '')
          throw fail('shareFileMessage', 'parameter error: parameter.filePath should be String');
        if (!exists(filePath) || dirs.has(filePath)) throw fail('shareFileMessage', 'file not exist');
        if (fileName !== undefined && typeof fileName !== 'string')
          throw fail('shareFileMessage', 'parameter error: parameter.fileName should be String');
        record.shared.push({ filePath, fileName, bytes: bytesOf(filePath) });
      })(options);
    },
  };
}

/** There is no layout in the simulation: every measurement is a zero rect, delivered asynchronously. */
function selectorQuery() {
  const queue: Array<() => unknown> = [];
  const zero = { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, scrollTop: 0, scrollLeft: 0 };
  const answer = (value: unknown, cb?: (r: unknown) => void) => {
    queue.push(() => {
      cb?.(value);
      return value;
    });
    return query;
  };
  const node = {
    boundingClientRect: (cb?: (r: unknown) => void) => answer(zero, cb),
    scrollOffset: (cb?: (r: unknown) => void) => answer(zero, cb),
    fields: (_fields: unknown, cb?: (r: unknown) => void) => answer(zero, cb),
    node: (cb?: (r: unknown) => void) => answer({ node: null }, cb),
    context: (cb?: (r: unknown) => void) => answer({}, cb),
  };
  const query = {
    in: () => query,
    select: () => node,
    selectAll: () => node,
    selectViewport: () => node,
    exec(cb?: (r: unknown[]) => void) {
      setTimeout(() => {
        // Every node's own callback runs whether or not exec got one.
        const results = queue.map((f) => f());
        cb?.(results);
      }, 0);
      return query;
    },
  };
  return query;
}
