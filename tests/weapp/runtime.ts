/**
 * The weapp build (dist/) run in Node through WeChat's own component framework, for tests.
 *
 * How (ARCHITECTURE.md "Running the weapp build"): jsdom supplies window/document; the simulated
 * `wx` (wx.ts) and App/getApp/getCurrentPages/Page/requirePlugin are globals; dist/app.js is
 * required (it loads runtime/taro/vendors/common and calls App) and onLaunch runs; each page is
 * loaded by miniprogram-simulate with the official compiler (wcc's render code, j-component on
 * miniprogram-exparser), `Page` handing the page's functions to `Component` as methods, and
 * gets onLoad/onShow/onReady as WeChat sends them. Taps are exparser events dispatched on the
 * rendered tree; assertions read the rendered text.
 *
 * wx.cloud.callFunction builds the event as WeChat does (the data plus an injected
 * `userInfo: {appId, openId}`) and hands it to a warm function process (cloud-host.cjs) that runs
 * the BUILT bundle cloudfunctions/<name>/index.js with the caller's WX_OPENID/WX_APPID in its
 * environment and context; the bundle talks to the loopback CloudBase (tests/support/tcb-loopback.ts)
 * through the real @cloudbase/node-sdk. The loopback is seeded with the demo community.
 *
 * One app per process (vitest runs each file in its own fork): `as(persona)` is another person
 * picking up the phone: storage cleared, the app relaunched on the home page.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { seedDemo } from '../../local/seed';
import { startTcbLoopback, type TcbLoopback } from '../support/tcb-loopback';
import { DIST } from './compiler';
import { type AppJson, allRoutes, createWx, FIXTURE_JPEG, parseUrl, tempFile, type WxRecord } from './wx';

const nodeRequire = createRequire(__filename);
const ROOT = path.resolve(__dirname, '..', '..');
const APP_ID = 'wx-test-app';
const ENV_ID = 'loopback-env';

/** One setData a page or component sent to the view layer. */
export interface SetDataSample {
  at: number;
  bytes: number;
  route: string;
}

export interface PageHandle {
  route: string;
  query: Record<string, string>;
  comp: any;
  instance: any;
  /** The page's rendered DOM (jsdom), as exparser built it. */
  dom: HTMLElement;
  /** setData calls this page sent (0 until its first render reached the view layer). */
  renders: number;
  /** When onLoad was sent (performance.now()). */
  loadedAt: number;
}

export interface WeappOptions {
  /** WeChat's font scale (关怀模式 turns on from 1.15). */
  fontSizeScaleFactor?: number;
  /** The first person holding the phone. */
  persona?: string;
}

/** An element's text as a person reads it: wxml's indentation and line breaks collapse to one space. */
function shownText(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The innermost of `elements` showing `text` (no child element shows it too), exact matches first:
 * "受理" is the 受理 button, not the 待受理 badge that also contains it.
 */
function innermostShowing(elements: HTMLElement[], text: string): HTMLElement[] {
  const innermost = elements.filter(
    (el) => shownText(el).includes(text) && ![...el.children].some((c) => shownText(c).includes(text)),
  );
  return [...innermost.filter((el) => shownText(el) === text), ...innermost.filter((el) => shownText(el) !== text)];
}

function installDom(): JSDOM {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const g = globalThis as any;
  const w = dom.window as any;
  g.window = w;
  g.document = w.document;
  for (const key of [
    'Element',
    'HTMLElement',
    'Node',
    'Event',
    'CustomEvent',
    'TouchEvent',
    'getComputedStyle',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'MutationObserver',
  ]) {
    if (g[key] === undefined) g[key] = w[key];
  }
  if (g.TouchEvent === undefined) g.TouchEvent = w.Event;
  Object.defineProperty(g, 'navigator', { value: w.navigator, configurable: true });
  return dom;
}

/** A component definition whose instances report each setData's payload size. */
function withSetDataCounted(options: any, count: (bytes: number, json: string) => void) {
  const patch = function (this: any) {
    if (this.__counted) return;
    this.__counted = true;
    const original = this.setData.bind(this);
    this.setData = (data: unknown, cb?: () => void) => {
      const json = JSON.stringify(data) ?? '';
      count(Buffer.byteLength(json), json);
      return original(data, cb);
    };
  };
  const lifetimes = { ...(options.lifetimes ?? {}) };
  const created = lifetimes.created ?? options.created;
  lifetimes.created = function (this: any, ...args: unknown[]) {
    patch.call(this);
    return created?.apply(this, args);
  };
  return { ...options, lifetimes };
}

export class Weapp {
  readonly record: WxRecord;
  readonly setData: SetDataSample[] = [];
  readonly warnings: string[] = [];
  readonly stack: PageHandle[] = [];
  persona: string;
  loopback!: TcbLoopback;
  /** From the home page's onLoad to its first setData (React's first render reaching the view layer). */
  homeFirstRenderMs = 0;
  private host!: ChildProcess;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private now: number | undefined;
  private app: any;
  private readonly appJson: AppJson;
  private readonly tabs: Set<string>;
  private readonly tabPages = new Map<string, PageHandle>();
  private simulate: any;
  private exparser: any;
  private modalAnswer = true;
  /** What chooseMedia picks (temp files), when a test chose photos; the 1×1 fixture otherwise. */
  private picked: string[] | null = null;
  /** Calls the network is to drop (see dropCalls). */
  private drops: Array<{ match: (name: string, data: any) => boolean; left: number }> = [];
  /** Set during a tap's synchronous dispatch: gesture-only APIs (shareFileMessage) check it. */
  private tapping = false;
  /** What the camera will see at the next scanCode calls, in order (null: the person cancels). */
  private camera: Array<string | null> = [];
  /** Where the person drops the pin in wx.chooseLocation (default: inside the demo grid 1). */
  private place = { name: '潇湘社区东门', address: '南宁路 88 号', latitude: 28.2282, longitude: 112.9388 };
  private setOnlineImpl: (on: boolean) => void;
  private readonly scale: number;
  private inflight = 0;
  private closed = false;
  private lastAnswerAt = 0;
  /** The last setData payloads (JSON), so `type` can wait for a controlled input's value to come back. */
  private recentPayloads: string[] = [];

  private constructor(options: WeappOptions) {
    this.persona = options.persona ?? 'demo-resident';
    this.scale = options.fontSizeScaleFactor ?? 1;
    this.appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson;
    this.tabs = new Set((this.appJson.tabBar?.list ?? []).map((t) => t.pagePath));
    const fixture = tempFile(FIXTURE_JPEG, 'jpg');
    const { wx, record, setOnline } = createWx({
      appJson: this.appJson,
      fontSizeScaleFactor: this.scale,
      navigate: (kind, route, query) => this.navigate(kind, route, query),
      navigateBack: (delta) => this.back(delta),
      stackDepth: () => this.stack.length,
      answerModal: () => this.modalAnswer,
      callFunction: (name, data) => this.callFunction(name, data),
      uploadFile: async (cloudPath, bytes) =>
        (await this.loopback.app.uploadFile({ cloudPath, fileContent: bytes })).fileID,
      getTempFileURL: async (ids) =>
        (await this.loopback.app.getTempFileURL({ fileList: ids })).fileList.map(
          (f: { fileID: string; tempFileURL: string; code: string }) => ({
            fileID: f.fileID,
            tempFileURL: f.tempFileURL,
            status: f.code === 'SUCCESS' ? 0 : 1,
          }),
        ),
      photos: () => this.picked ?? [fixture],
      location: () => this.place,
      // Nothing queued: the person points the camera at nothing and cancels.
      scan: () => (this.camera.length > 0 ? (this.camera.shift() ?? null) : null),
      inTap: () => this.tapping,
    });
    this.record = record;
    this.setOnlineImpl = setOnline;
    (globalThis as any).wx = wx;
  }

  static async start(options: WeappOptions = {}): Promise<Weapp> {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`no weapp build in ${DIST}: run npm run build:weapp`);
    for (const name of ['identity', 'reports']) {
      if (!existsSync(path.join(ROOT, 'cloudfunctions', name, 'index.js')))
        throw new Error('no function bundles: run npm run build:functions');
    }
    installDom();
    const weapp = new Weapp(options);
    await weapp.startCloud();
    weapp.loadApp();
    await weapp.navigate('reLaunch', weapp.appJson.pages[0] as string, {});
    const home = weapp.page;
    await weapp.settle();
    // From onLoad, so the one-time wcc compile of the whole build (the harness's cost) is not counted.
    const first = weapp.setData.find((x) => x.route === home.route)?.at ?? home.loadedAt;
    weapp.homeFirstRenderMs = first - home.loadedAt;
    return weapp;
  }

  // ---- cloud ----------------------------------------------------------------------------

  private async startCloud() {
    this.loopback = await startTcbLoopback();
    await seedDemo(this.loopback.backing, new ManualClock(new Date()));
    this.host = fork(path.join(__dirname, 'cloud-host.cjs'), [], {
      env: {
        PATH: process.env.PATH,
        TENCENTCLOUD: 'true',
        SILENCE: 'true',
        SCF_NAMESPACE: ENV_ID,
        TCB_ENV: ENV_ID,
        TENCENTCLOUD_SECRETID: 'fake-secret-id',
        TENCENTCLOUD_SECRETKEY: 'fake-secret-key',
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.loopback.url }),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      this.host.once('message', () => resolve());
      this.host.once('exit', (code) => reject(new Error(`cloud host exited ${code}`)));
    });
    this.host.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(msg.error));
      else waiter.resolve(msg.result);
    });
  }

  /** The event exactly as WeChat delivers it: the caller's data plus the injected userInfo. */
  private async callFunction(name: string, data: unknown): Promise<unknown> {
    // After close the phone is off: a page's late call meets no network.
    if (this.closed) throw new Error('request:fail the simulated runtime is closed');
    // Every rule sees every call (a test may record them); the first one with drops left drops it.
    const dropped = this.drops.filter((d) => d.match(name, data)).find((d) => d.left > 0);
    if (dropped) {
      dropped.left -= 1;
      throw new Error('request:fail timeout');
    }
    const event = { ...(data as object), userInfo: { appId: APP_ID, openId: this.persona } };
    const id = ++this.seq;
    this.inflight++;
    try {
      return await new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.host.send({ id, name, event, openid: this.persona, appid: APP_ID, now: this.now });
      });
    } finally {
      this.inflight--;
      this.lastAnswerAt = performance.now();
    }
  }

  /** Moves the functions' clock (absolute ms); pages keep real time. */
  setNow(ms: number) {
    this.now = ms;
  }

  setOnline(on: boolean) {
    this.setOnlineImpl(on);
  }

  /** What the camera sees at the next scanCode calls, one per call (null: the person cancels). */
  willScan(...seen: Array<string | null>) {
    this.camera.push(...seen);
  }

  /** Where the person picks the place at the next wx.chooseLocation calls (GCJ-02, as WeChat's picker answers). */
  willPickPlace(place: { name: string; address: string; latitude: number; longitude: number }) {
    this.place = place;
  }

  /**
   * The network drops the next `times` function calls that `match` (the request never answers);
   * `match` is asked about every call, so a test can also record what was sent.
   */
  dropCalls(match: (name: string, data: any) => boolean, times: number) {
    this.drops.push({ match, left: times });
  }

  /** The photos the person picks at the next chooseMedia calls (bytes of real images). */
  willPickPhotos(...photos: Buffer[]) {
    this.picked = photos.map((bytes) => tempFile(bytes, 'png'));
  }

  /** The answer the next showModal calls get. */
  answerModals(confirm: boolean) {
    this.modalAnswer = confirm;
  }

  // ---- app and pages --------------------------------------------------------------------

  private loadApp() {
    const g = globalThis as any;
    g.requirePlugin = (name: string) => {
      throw new Error(`requirePlugin: plugin ${name} is not declared`);
    };
    g.App = (options: any) => {
      this.app = options;
    };
    g.getApp = () => this.app;
    g.getCurrentPages = () => this.stack.map((p) => p.instance);
    this.simulate = nodeRequire('miniprogram-simulate');
    this.exparser = createRequire(nodeRequire.resolve('j-component'))('miniprogram-exparser');
    // miniprogram-simulate registers the built-in components without properties, so an <image>
    // kept no src: registered again with the properties WeChat's <image> takes, a test sees what it shows.
    nodeRequire('j-component').register({
      id: 'image',
      tagName: 'wx-image',
      template: '<slot/>',
      properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' } },
    });
    // <map> likewise: registered with the properties WeChat's map takes, so a test reads the
    // outline (polygons) and the pin (markers) the page handed to it.
    nodeRequire('j-component').register({
      id: 'map',
      tagName: 'wx-map',
      template: '<slot/>',
      properties: {
        latitude: { type: Number, value: 0 },
        longitude: { type: Number, value: 0 },
        scale: { type: Number, value: 16 },
        markers: { type: Array, value: [] },
        polygons: { type: Array, value: [] },
      },
    });
    // WeChat's runtime reports missing templates on the console; a missing template draws nothing.
    for (const level of ['warn', 'error'] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => {
        const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
        if (/Template .* not found|not found/i.test(text) || level === 'error') this.warnings.push(text);
        original(...args);
      };
    }
    this.installPageShim();
    nodeRequire(path.join(DIST, 'app.js'));
    if (!this.app) throw new Error('dist/app.js did not call App()');
    this.app.onLaunch?.call(this.app, { path: this.appJson.pages[0], query: {}, scene: 1001 });
    this.app.onShow?.call(this.app, { path: this.appJson.pages[0], query: {}, scene: 1001 });
  }

  /**
   * Page(options) → Component({methods}) (the WeChat team's advice for testing pages). A page or
   * component file runs once in Node (webpack keeps its module cache): the options it registered
   * are replayed when the same file is loaded again.
   */
  private installPageShim() {
    const g = globalThis as any;
    const utils = nodeRequire('miniprogram-simulate/src/utils');
    const simComponent = g.Component;
    const saved = new Map<string, any>();
    let current = '';
    let called = false;
    g.Component = (options: any, isPage = false) => {
      called = true;
      // Custom components (Taro's custom-wrapper) send their own setData: count those too.
      const definition = isPage
        ? options
        : withSetDataCounted(options, (bytes) => this.countSetData(bytes, 'custom-wrapper'));
      saved.set(current, definition);
      simComponent(definition);
    };
    g.Page = (options: any) => {
      const methods: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
      g.Component({ data: options.data ?? {}, methods, options: options.options }, true);
    };
    utils.runJs = (file: string) => {
      current = file;
      called = false;
      nodeRequire(file);
      if (!called && saved.has(file)) simComponent(saved.get(file));
    };
  }

  private mount(route: string, query: Record<string, string>): PageHandle {
    const id = this.simulate.load(path.join(DIST, route), {
      rootPath: DIST,
      compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
    });
    const comp = this.simulate.render(id);
    const parent = document.createElement('parent-wrapper');
    document.body.appendChild(parent);
    comp.attach(parent);
    const instance = comp.instance;
    instance.route = route;
    instance.__route__ = route;
    instance.options = query;
    const page: PageHandle = { route, query, comp, instance, dom: comp.dom, renders: 0, loadedAt: 0 };
    this.instrument(page);
    return page;
  }

  /** Counts every setData and its payload size (the bench reads these). */
  private instrument(page: PageHandle) {
    const { instance, route } = page;
    const original = instance.setData.bind(instance);
    instance.setData = (data: unknown, cb?: () => void) => {
      page.renders++;
      const json = JSON.stringify(data) ?? '';
      this.countSetData(Buffer.byteLength(json), route, json);
      return original(data, cb);
    };
  }

  private countSetData(bytes: number, route: string, json = '') {
    this.setData.push({ at: performance.now(), bytes, route });
    this.recentPayloads.push(json);
    if (this.recentPayloads.length > 50) this.recentPayloads.shift();
  }

  /**
   * setData figures since `from` (an index into this.setData), against WeChat's performance audit:
   * at most 20 setData per second, payloads far below the 1 MB limit.
   */
  figures(from = 0) {
    const samples = this.setData.slice(from);
    const first = samples[0]?.at ?? 0;
    const last = samples[samples.length - 1]?.at ?? 0;
    let peak = 0;
    let start = 0;
    for (let end = 0; end < samples.length; end++) {
      while ((samples[end]?.at ?? 0) - (samples[start]?.at ?? 0) >= 1000) start++;
      peak = Math.max(peak, end - start + 1);
    }
    return {
      setDataCalls: samples.length,
      seconds: Number(((last - first) / 1000).toFixed(2)),
      perSecondMean:
        samples.length > 1 ? Number((samples.length / ((last - first) / 1000)).toFixed(1)) : samples.length,
      perSecondPeak: peak,
      largestBytes: Math.max(0, ...samples.map((x) => x.bytes)),
      totalBytes: samples.reduce((n, x) => n + x.bytes, 0),
    };
  }

  /** Writes this run's figures where npm run bench reads them (.build/weapp-bench/<name>.json). */
  writeFigures(name: string, extra: Record<string, unknown> = {}) {
    const dir = path.join(ROOT, '.build', 'weapp-bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `${name}.json`),
      `${JSON.stringify({ name, ...this.figures(), ...extra }, null, 2)}\n`,
    );
  }

  private show(page: PageHandle) {
    page.instance.onShow?.();
  }

  private async navigate(
    kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
    route: string,
    query: Record<string, string>,
  ) {
    const top = this.stack[this.stack.length - 1];
    if (kind === 'navigateTo') {
      top?.instance.onHide?.();
    } else if (kind === 'redirectTo') {
      this.stack.pop();
      if (top) this.unload(top);
    } else {
      // switchTab and reLaunch close every non-tab page; reLaunch closes the tab pages too.
      while (this.stack.length > 0) {
        const page = this.stack.pop() as PageHandle;
        if (kind === 'reLaunch' || !this.tabs.has(page.route)) this.unload(page);
        else page.instance.onHide?.();
      }
      if (kind === 'reLaunch') this.tabPages.clear();
    }
    const kept = kind === 'switchTab' ? this.tabPages.get(route) : undefined;
    if (kept) {
      this.stack.push(kept);
      this.show(kept);
      return;
    }
    const page = this.mount(route, query);
    this.stack.push(page);
    if (this.tabs.has(route)) this.tabPages.set(route, page);
    page.loadedAt = performance.now();
    page.instance.onLoad?.(query);
    page.instance.onShow?.();
    page.instance.onReady?.();
  }

  private unload(page: PageHandle) {
    page.instance.onUnload?.();
    page.comp.detach?.();
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route);
  }

  private async back(delta: number) {
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop() as PageHandle);
    const top = this.stack[this.stack.length - 1];
    if (top) this.show(top);
  }

  /** Another person picks up the phone: storage cleared, the app relaunched on the home page. */
  async as(persona: string) {
    this.persona = persona;
    (globalThis as any).wx.clearStorageSync();
    await this.navigate('reLaunch', this.appJson.pages[0] as string, {});
    await this.settle();
  }

  /** Every route of app.json: the main package's pages, then each subpackage's. */
  routes(): string[] {
    return allRoutes(this.appJson);
  }

  get page(): PageHandle {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new Error('no page open');
    return top;
  }

  /** Opens a route the way a tap on a link would (navigateTo, or switchTab for a tab page). */
  async open(url: string) {
    const { route } = parseUrl(url);
    const wx = (globalThis as any).wx;
    const kind = this.tabs.has(route) ? 'switchTab' : 'navigateTo';
    await wx[kind]({ url: `/${url.replace(/^\//, '')}` });
    await this.settle();
  }

  /**
   * Waits until no call is in flight and nothing happened for quietMs: no answer arrived and no
   * setData was sent (an answer's render reaches setData a few ticks later, through React's scheduler).
   */
  async settle(quietMs = 80, timeoutMs = 15_000) {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 10));
      const last = Math.max(this.lastAnswerAt, this.setData[this.setData.length - 1]?.at ?? 0);
      const rendered = (this.stack[this.stack.length - 1]?.renders ?? 1) > 0;
      if (rendered && this.inflight === 0 && performance.now() - last >= quietMs) return;
    }
  }

  /** The text a person sees on the top page (whitespace collapsed). */
  text(page: PageHandle = this.page): string {
    return shownText(page.dom);
  }

  /** Waits (settling between looks) until the page shows `wanted`; throws with what it showed. */
  async waitForText(wanted: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const started = Date.now();
    const matches = () => (typeof wanted === 'string' ? this.text().includes(wanted) : wanted.test(this.text()));
    while (Date.now() - started < timeoutMs) {
      if (matches()) return;
      await this.settle(30, 2_000);
    }
    if (matches()) return;
    throw new Error(`${this.page.route} never showed ${wanted}; it shows: ${this.text().slice(0, 1500)}`);
  }

  /** Every rendered element on the top page whose own text (or whole text) contains `text`, innermost first. */
  findByText(text: string, page: PageHandle = this.page): HTMLElement[] {
    return innermostShowing([...page.dom.querySelectorAll('*')] as HTMLElement[], text);
  }

  /** A rendered built-in component's property (an <image>'s src), as WeChat's component received it. */
  prop(el: Element, name: string): unknown {
    const node = (el as any).__wxElement;
    return node?.__propData?.[name] ?? node?.data?.[name];
  }

  find(selector: string, page: PageHandle = this.page): HTMLElement[] {
    return [...page.dom.querySelectorAll(selector)] as HTMLElement[];
  }

  /** Dispatches an exparser event on a rendered element (bubbling, like a real tap). */
  dispatch(el: Element, type: string, detail: Record<string, unknown> = {}) {
    const node = (el as any).__wxElement;
    if (!node) throw new Error(`<${el.tagName.toLowerCase()}> is not an exparser element`);
    this.tapping = type === 'tap';
    try {
      this.exparser.Event.dispatchEvent(
        node,
        this.exparser.Event.create(type, detail, { bubbles: true, composed: true, capturePhase: true }),
      );
    } finally {
      this.tapping = false;
    }
  }

  /**
   * Waits for (and tapExact taps) the element whose own text is exactly `text` — for a button whose word
   * is also part of other text already on screen (受理 inside the 待受理 badge), where tap() would
   * take the partial match.
   */
  async waitForExact(text: string, timeoutMs = 15_000): Promise<HTMLElement> {
    const exact = () => this.findByText(text).find((el) => shownText(el) === text);
    const started = Date.now();
    while (!exact() && Date.now() - started < timeoutMs) await this.settle(30, 2_000);
    const el = exact();
    if (!el)
      throw new Error(`nothing shows exactly "${text}" on ${this.page.route}; it shows: ${this.text().slice(0, 1500)}`);
    return el;
  }

  async tapExact(text: string, timeoutMs = 15_000) {
    this.dispatch(await this.waitForExact(text, timeoutMs), 'tap', { x: 0, y: 0 });
    await this.settle();
  }

  /** Taps the innermost element showing `text` (the nth when several do). */
  async tap(text: string, nth = 0) {
    const hits = this.findByText(text);
    const el = hits[nth];
    if (!el) throw new Error(`nothing shows "${text}" on ${this.page.route}; it shows: ${this.text().slice(0, 1500)}`);
    this.dispatch(el, 'tap', { x: 0, y: 0 });
    await this.settle();
  }

  /** The rendered element matching `selector` (page classes carry the page's `main--` prefix) that shows `text`. */
  card(selector: string, text: string): HTMLElement {
    const el = this.find(selector).find((c) => (c.textContent ?? '').includes(text));
    if (!el) throw new Error(`no ${selector} showing "${text}" on ${this.page.route}`);
    return el;
  }

  /** Taps the innermost element showing `text` inside `container`. */
  async tapIn(container: Element, text: string) {
    const el = innermostShowing([...container.querySelectorAll('*')] as HTMLElement[], text)[0];
    if (!el) throw new Error(`nothing shows "${text}" in that part of ${this.page.route}`);
    this.dispatch(el, 'tap', { x: 0, y: 0 });
    await this.settle();
  }

  async tapElement(el: Element) {
    this.dispatch(el, 'tap', { x: 0, y: 0 });
    await this.settle();
  }

  async tapSelector(selector: string, nth = 0) {
    const el = this.find(selector)[nth];
    if (!el) throw new Error(`no ${selector} on ${this.page.route}`);
    this.dispatch(el, 'tap', { x: 0, y: 0 });
    await this.settle();
  }

  /** Types into the nth input/textarea of the top page, as WeChat sends input events. */
  async type(nth: number, value: string, tag: 'input' | 'textarea' | 'any' = 'any') {
    const selector = tag === 'any' ? 'wx-input, wx-textarea' : `wx-${tag}`;
    // A form shown once its second request answers may come a render after the text a test waited for.
    const looking = Date.now();
    while (!this.find(selector)[nth] && Date.now() - looking < 10_000) await this.settle(30, 2_000);
    const el = this.find(selector)[nth];
    if (!el) throw new Error(`no ${selector} #${nth} on ${this.page.route} (${this.find(selector).length} found)`);
    this.recentPayloads.length = 0;
    this.dispatch(el, 'input', { value, cursor: value.length, keyCode: 0 });
    // A controlled input re-renders with its new value: wait for that setData, so a tap that
    // follows reads the typed state (on a loaded machine React's render can lag the event).
    const wanted = JSON.stringify(value).slice(1, -1);
    const started = Date.now();
    while (!this.recentPayloads.some((p) => p.includes(wanted)) && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await this.settle();
    this.dispatch(el, 'blur', { value });
    await this.settle();
  }

  /** The class attributes along the page's rendered tree (care mode adds `care`). */
  classes(page: PageHandle = this.page): string[] {
    return ([...page.dom.querySelectorAll('[class]')] as HTMLElement[]).map((el) => el.getAttribute('class') ?? '');
  }

  async close() {
    this.closed = true;
    while (this.stack.length > 0) this.unload(this.stack.pop() as PageHandle);
    this.host?.kill();
    await this.loopback?.close();
  }
}
