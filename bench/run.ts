/**
 * npm run bench — one run, one table: weapp package bytes, h5 first paint and interactivity on a
 * throttled phone profile, and in-process latency/throughput of the hot actions on a large seeded
 * dataset, each beside a baseline (an empty Taro + React + NutUI page; a bare function).
 * Figures are printed, never asserted: budgets that are deterministic live in tests/budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { z } from 'zod';
import { type FoldStateDoc, holdsEveryLevel } from '../cloudfunctions/_core/domain/figures/rollups';
import { newFigureDoc } from '../cloudfunctions/_core/domain/reports/figures';
import { chinaDay } from '../cloudfunctions/_core/domain/reports/sla';
import { readRolledFigures } from '../cloudfunctions/_core/figures/rollups';
import { readReportFigures } from '../cloudfunctions/_core/ledger/reportFigures';
import { defineAction, defineFunction } from '../cloudfunctions/_core/runtime/define';
import { createLocalRuntime, type LocalRuntime } from '../local/runtime';
import { DEMO } from '../local/seed';
import { createGateway } from '../local/server';
import { WEAPP_PACKAGE_CAP, weappPackageSizes } from '../scripts/lib/package-sizes';
import {
  FIGURES_YEAR,
  HOT_ACTIONS,
  insertReports,
  RESIDENTS,
  residentOpenid,
  seedBenchDataset,
  templateReport,
} from './dataset';
import { benchWeapp } from './weapp';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.build', 'bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rows: Array<[section: string, metric: string, value: string, baseline: string, ratio: string]> = [];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ratio = (value: number, base: number) => (base > 0 ? `${(value / base).toFixed(2)}×` : '—');

function taroBuild(type: 'weapp' | 'h5', outputRoot: string, sourceRoot?: string): void {
  const result = spawnSync('npx', ['taro', 'build', '--type', type], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      TARO_OUTPUT_ROOT: outputRoot,
      ...(sourceRoot ? { TARO_SOURCE_ROOT: sourceRoot } : {}),
    },
  });
  if (result.status !== 0) throw new Error(`taro build ${type} (${sourceRoot ?? 'src'}) failed`);
}

function benchPackages(): void {
  console.error('… building weapp (app and baseline)');
  taroBuild('weapp', '.build/bench/weapp');
  taroBuild('weapp', '.build/bench/baseline-weapp', 'bench/baseline');
  const app = weappPackageSizes(path.join(OUT, 'weapp'));
  const base = weappPackageSizes(path.join(OUT, 'baseline-weapp'));
  rows.push([
    'weapp',
    `main package (cap ${kb(WEAPP_PACKAGE_CAP)})`,
    kb(app.main),
    kb(base.main),
    ratio(app.main, base.main),
  ]);
  for (const [root, bytes] of Object.entries(app.subpackages)) {
    rows.push(['weapp', `subpackage ${root} (cap ${kb(WEAPP_PACKAGE_CAP)})`, kb(bytes), '—', '—']);
  }
  rows.push(['weapp', 'all packages', kb(app.total), kb(base.total), ratio(app.total, base.total)]);
}

interface PageTarget {
  url: string;
  readySelector: string;
  token?: string;
  /** The last-known profile kept in storage (a returning person, src/services/profileCache.ts). */
  profile?: unknown;
}

/**
 * First contentful paint and time until the page's own content is visible, 4× CPU throttling, phone
 * viewport. The targets are measured in turn within each run (app, baseline, app, …), so the load of
 * this shared machine drifts over all of them alike; the moment the content shows is taken inside
 * the page (the first animation frame in which the element has a box), not by polling from here,
 * whose round trips under load would add to it.
 */
async function measurePages(targets: PageTarget[]) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const samples = targets.map(() => ({ fcp: [] as number[], tti: [] as number[] }));
  try {
    for (let run = 0; run < RUNS; run += 1) {
      for (const [i, target] of targets.entries()) {
        const context = await browser.newContext({
          viewport: { width: 375, height: 740 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: 'zh-CN',
        });
        // As a string: tsx would wrap a named inner function in a helper the page does not have.
        await context.addInitScript({
          content: `(() => {
            const check = () => {
              if (window.__ready !== undefined) return;
              const el = document.querySelector(${JSON.stringify(target.readySelector)});
              if (el && el.getBoundingClientRect().height > 0) window.__ready = performance.now();
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          })();`,
        });
        if (target.token) {
          // Taro's h5 storage wraps values as {data}; sign in before the first paint is measured.
          await context.addInitScript(
            (value) => localStorage.setItem('gongzhi.token', JSON.stringify({ data: value })),
            target.token,
          );
          if (target.profile) {
            await context.addInitScript(
              (value) => localStorage.setItem('gongzhi.me', value),
              JSON.stringify({ data: { token: target.token, me: target.profile } }),
            );
          }
        }
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(target.url, { waitUntil: 'commit' });
        // Both the content and the first contentful paint (reported a frame after it).
        await page.waitForFunction(
          () =>
            (window as unknown as { __ready?: number }).__ready !== undefined &&
            performance.getEntriesByName('first-contentful-paint').length > 0,
          null,
          { timeout: 60_000 },
        );
        const { ready, paint } = await page.evaluate(() => ({
          ready: (window as unknown as { __ready: number }).__ready,
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        }));
        samples[i]?.fcp.push(paint);
        samples[i]?.tti.push(ready);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return samples.map((s) => ({ fcp: median(s.fcp), tti: median(s.tti) }));
}

/**
 * Lighthouse 12 (mobile defaults) against Debian's Chromium, signed in first: a persistent profile
 * gets the token in localStorage and one visit of the page (the returning person, whose last-known
 * profile is kept). Lighthouse's own storage reset then runs for both targets alike: it empties the
 * HTTP cache (so the app is measured cold, as bare is — `disableStorageReset` used to keep the warm
 * visit's cache for the app only) and clears only `clearStorageTypes`, which leaves localStorage.
 */
async function lighthouseScores(url: string, token?: string, label = 'app') {
  const { default: lighthouse } = await import('lighthouse');
  const port = 9300 + Math.floor(Math.random() * 500);
  const profile = mkdtempSync(path.join(tmpdir(), 'gongzhi-lh-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--remote-debugging-port=${port}`],
  });
  try {
    if (token) {
      const page = await context.newPage();
      await page.goto(new URL(url).origin);
      await page.evaluate((value) => localStorage.setItem('gongzhi.token', JSON.stringify({ data: value })), token);
      // A returning person: one visit of the page first, which keeps the last-known profile. Away
      // first: from the origin, the home's URL differs only by its hash, so goto would not reload and
      // the app started without the token would go on without it (the visit then timed out at times).
      await page.goto('about:blank');
      await page.goto(url);
      await page.locator('[data-testid="home-community"]').first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.close();
    }
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      disableStorageReset: false,
      // Lighthouse 12's default list, spelled out: local_storage is not in it, so the token stays.
      clearStorageTypes: ['file_systems', 'shader_cache', 'service_workers', 'cache_storage'],
      onlyCategories: ['performance', 'accessibility'],
    });
    const lhr = result?.lhr;
    // Kept for reading what costs (TBT, LCP element, unused JS): .build/bench/lighthouse-<label>.json.
    if (lhr) writeFileSync(path.join(OUT, `lighthouse-${label}.json`), JSON.stringify(lhr));
    return {
      performance: lhr?.categories.performance?.score ?? null,
      accessibility: lhr?.categories.accessibility?.score ?? null,
      cls: Number(lhr?.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN),
      lcp: Number(lhr?.audits['largest-contentful-paint']?.numericValue ?? Number.NaN),
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function benchH5(runtime: LocalRuntime): Promise<void> {
  // BENCH_H5_APP_DIR=dist-h5 measures an existing app build; BENCH_REUSE_BUILDS=1 keeps earlier ones.
  const appDir = process.env.BENCH_H5_APP_DIR ? path.resolve(ROOT, process.env.BENCH_H5_APP_DIR) : path.join(OUT, 'h5');
  const reuse = (dir: string) => process.env.BENCH_REUSE_BUILDS === '1' && existsSync(path.join(dir, 'index.html'));
  console.error('… building h5 (app and baseline)');
  if (!process.env.BENCH_H5_APP_DIR && !reuse(appDir)) taroBuild('h5', '.build/bench/h5');
  if (!reuse(path.join(OUT, 'baseline-h5'))) taroBuild('h5', '.build/bench/baseline-h5', 'bench/baseline');
  const jsBytes = (dir: string): number =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'))
      .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  const appJs = jsBytes(appDir);
  const baseJs = jsBytes(path.join(OUT, 'baseline-h5'));
  rows.push(['h5', 'total JS of the build (target ≤ 2.5 MB)', kb(appJs), kb(baseJs), ratio(appJs, baseJs)]);
  const serve = async (staticDir: string) => {
    const server = createGateway({ runtime, staticDir, devLogin: true, rateLimitPerSecond: 100_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const app = await serve(appDir);
  const base = await serve(path.join(OUT, 'baseline-h5'));
  try {
    console.error(`… measuring h5 pages (${RUNS} runs each, 4× CPU throttling)`);
    const token = runtime.login('demo-resident');
    const me = await runtime.invoke('identity', { action: 'me', payload: {} }, 'demo-resident');
    if (!me.ok) throw new Error(`identity.me: ${me.error.message}`);
    const home = `${app.url}/#/pages/index/index`;
    const ready = '[data-testid="home-community"]';
    const [bare, returning, first] = await measurePages([
      { url: `${base.url}/`, readySelector: '[data-testid="baseline-ready"]' },
      { url: home, readySelector: ready, token, profile: me.data },
      { url: home, readySelector: ready, token },
    ]);
    if (!bare || !returning || !first) throw new Error('h5 pages not measured');
    rows.push([
      'h5',
      'home first-contentful-paint (median)',
      ms(returning.fcp),
      ms(bare.fcp),
      ratio(returning.fcp, bare.fcp),
    ]);
    rows.push([
      'h5',
      'home content visible, returning (profile kept; target ≤ 1.15×)',
      ms(returning.tti),
      ms(bare.tti),
      ratio(returning.tti, bare.tti),
    ]);
    rows.push([
      'h5',
      'home content visible, first visit (waits for identity.me)',
      ms(first.tti),
      ms(bare.tti),
      ratio(first.tti, bare.tti),
    ]);
    if (process.env.BENCH_SKIP_LIGHTHOUSE !== '1') {
      console.error('… Lighthouse (mobile: simulated slow 4G, 4× CPU)');
      const lhApp = await lighthouseScores(`${app.url}/#/pages/index/index`, runtime.login('demo-resident'));
      const lhBase = await lighthouseScores(`${base.url}/`, undefined, 'baseline');
      const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));
      rows.push([
        'h5',
        'Lighthouse performance (target ≥ 0.9)',
        score(lhApp.performance),
        score(lhBase.performance),
        '—',
      ]);
      rows.push([
        'h5',
        'Lighthouse accessibility (target ≥ 0.95)',
        score(lhApp.accessibility),
        score(lhBase.accessibility),
        '—',
      ]);
      rows.push(['h5', 'Lighthouse cumulative layout shift', lhApp.cls.toFixed(3), lhBase.cls.toFixed(3), '—']);
      rows.push([
        'h5',
        'Lighthouse largest contentful paint',
        ms(lhApp.lcp),
        ms(lhBase.lcp),
        ratio(lhApp.lcp, lhBase.lcp),
      ]);
    }
  } finally {
    app.server.close();
    base.server.close();
  }
}

async function timeCalls(call: () => Promise<unknown>, count: number) {
  const latencies: number[] = [];
  for (let i = 0; i < Math.min(50, Math.ceil(count / 4)); i += 1) await call(); // warm-up
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await call();
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: count / seconds };
}

async function benchFunctions(runtime: LocalRuntime, counts: Record<string, number>): Promise<void> {
  const calls = Number(process.env.BENCH_CALLS ?? 500);
  const bare = async () => ({ ok: true, data: 1 });
  const bareFigures = await timeCalls(bare, calls);
  rows.push([
    'functions',
    'baseline: bare function returning a constant',
    `p50 ${ms(bareFigures.p50)} · p99 ${ms(bareFigures.p99)} · ${bareFigures.perSecond.toFixed(0)}/s`,
    '—',
    '—',
  ]);
  // The same constant behind our dispatch (caller resolved, role checked, input validated): the
  // floor every action pays, and the baseline the hot actions are compared with.
  const constantFn = defineFunction('baseline', {
    constant: defineAction({
      summary: '常量',
      input: z.strictObject({}),
      roles: 'authenticated',
      access: { scope: ['any'], touches: [], writes: false },
      handler: async () => 1,
    }),
  });
  let n = 0;
  const baseline = await timeCalls(
    () => runtime.invokeDefinition(constantFn, { action: 'constant', payload: {} }, residentOpenid(n++ % RESIDENTS)),
    calls,
  );
  rows.push([
    'functions',
    'baseline: constant through dispatch',
    `p50 ${ms(baseline.p50)} · p99 ${ms(baseline.p99)} · ${baseline.perSecond.toFixed(0)}/s`,
    '—',
    '—',
  ]);
  // BENCH_ONLY=admin.figures measures just the actions whose `fn.action` contains it.
  const only = process.env.BENCH_ONLY;
  for (const hot of HOT_ACTIONS.filter((h) => !only || `${h.fn}.${h.action}`.includes(only))) {
    if (!runtime.catalogue.some((f) => f.name === hot.fn && f.actions.some((a) => a.action === hot.action))) {
      rows.push(['functions', `${hot.fn}.${hot.action}`, 'n/a (action not built yet)', '—', '—']);
      continue;
    }
    let i = 0;
    const name = hot.label ?? `${hot.fn}.${hot.action}`;
    const figures = await timeCalls(async () => {
      const { openid, payload } = hot.make(i++);
      const result = await runtime.invoke(hot.fn, { action: hot.action, payload }, openid);
      if (!result.ok && !hot.acceptedErrors?.includes(result.error.code)) {
        throw new Error(`${hot.fn}.${hot.action} failed: ${result.error.code} ${result.error.message}`);
      }
    }, hot.calls ?? calls);
    rows.push([
      'functions',
      name,
      `p50 ${ms(figures.p50)} · p99 ${ms(figures.p99)} · ${figures.perSecond.toFixed(0)}/s`,
      `p50 ${ms(baseline.p50)}`,
      ratio(figures.p50, baseline.p50),
    ]);
  }
  rows.push([
    'dataset',
    'documents',
    Object.entries(counts)
      .map(([c, n]) => `${c} ${n.toLocaleString('en')}`)
      .join(', '),
    '—',
    '—',
  ]);
}

/**
 * admin.figures at 10k, 100k and 300k reports (issue 19), each size in its own data folder (kept
 * between runs), beside the raw read of the counters it sums. BENCH_FIGURE_SIZES=10000,100000 to
 * choose the sizes; the reports are spread over the same 300 days at every size.
 */
async function benchFiguresAtScale(): Promise<void> {
  const sizes = (process.env.BENCH_FIGURE_SIZES ?? '10000,100000,300000').split(',').map(Number);
  const rounds = Number(process.env.BENCH_FIGURE_CALLS ?? 30);
  const now = new Date('2026-11-01T08:00:00+08:00').toISOString();
  const runtimes: LocalRuntime[] = [];
  try {
    for (const size of sizes) {
      const runtime = await createLocalRuntime({ dataDir: path.join(OUT, `figures-${size}`) });
      runtimes.push(runtime);
      if ((await runtime.store.count('reports', {})) < size) {
        const t0 = performance.now();
        console.error(`… seeding ${size.toLocaleString('en')} reports for the figures bench`);
        await insertReports(runtime.store, templateReport(now), size, now);
        rows.push([
          'figures',
          `seed ${size.toLocaleString('en')} reports + counters`,
          ms(performance.now() - t0),
          '—',
          '—',
        ]);
      }
    }
    // The nightly fold, run to the end as the timer would over several nights: every scope then
    // reads its (holder, month) snapshots plus its dirty counters.
    for (const [i, runtime] of runtimes.entries()) {
      await bringOlderRollups(runtime, sizes[i] as number);
      const folded = await foldAll(runtime);
      if (folded.documents > 0) {
        rows.push([
          'figures',
          `fold ${sizes[i]?.toLocaleString('en')} reports' counters (${folded.documents.toLocaleString('en')} docs, ${folded.runs} timer runs)`,
          ms(folded.ms),
          '—',
          '—',
        ]);
      }
    }
    type Probe = 'raw' | 'grid' | 'community' | 'city';
    const probes: Record<Probe, (runtime: LocalRuntime) => Promise<unknown>> = {
      raw: (runtime) =>
        readReportFigures(runtime.store, { communityIds: [DEMO.communityA] }, FIGURES_YEAR.from, FIGURES_YEAR.to),
      grid: (runtime) => figuresCall(runtime, 'demo-staff', { scope: 'grid', id: DEMO.gridA1 }),
      community: (runtime) => figuresCall(runtime, 'demo-staff', { scope: 'community', id: DEMO.communityA }),
      city: (runtime) => figuresCall(runtime, 'demo-admin', { scope: 'city', id: 'city' }),
    };
    const samples = sizes.map(() => ({
      raw: [] as number[],
      grid: [] as number[],
      community: [] as number[],
      city: [] as number[],
    }));
    // Interleaved, size after size in every round: on a shared machine the load drifts, and each
    // size must see the same drift for the ratios between them to mean anything.
    for (let round = -3; round < rounds; round += 1) {
      for (const [i, runtime] of runtimes.entries()) {
        for (const probe of Object.keys(probes) as Probe[]) {
          const t0 = performance.now();
          await probes[probe](runtime);
          if (round >= 0) samples[i]?.[probe].push(performance.now() - t0);
        }
      }
    }
    const p50 = sizes.map((_, i) => ({
      raw: median(samples[i]?.raw ?? []),
      grid: median(samples[i]?.grid ?? []),
      community: median(samples[i]?.community ?? []),
      city: median(samples[i]?.city ?? []),
    }));
    for (const [i, size] of sizes.entries()) {
      const m = p50[i] as Record<Probe, number>;
      const first = p50[0] as typeof m;
      const label = `${size.toLocaleString('en')} reports`;
      rows.push(['figures', `${label}: raw counter read (community, 1 year)`, `p50 ${ms(m.raw)}`, '—', '—']);
      for (const scope of ['grid', 'community', 'city'] as const) {
        rows.push([
          'figures',
          `${label}: admin.figures ${scope} (${ratio(m[scope], first[scope])} of ${sizes[0]?.toLocaleString('en')})`,
          `p50 ${ms(m[scope])}`,
          `raw ${ms(m.raw)}`,
          ratio(m[scope], m.raw),
        ]);
      }
    }
  } finally {
    for (const runtime of runtimes) await runtime.close();
  }
}

/**
 * The city's figure read at 1k and 20k grids (issue 19, 曲靖 has 21,320): grid-day counters written
 * directly, BENCH_CITY_REPORTS_PER_GRID reports a year per grid (15: ~320k a year for the whole
 * city), each report its own (grid, day, shard) document, 14 grids per community. Measures the raw
 * counter read of a year for the city and for one community, and how many documents the city read
 * touches against what the reader can page (MAX_PAGES × 1000).
 */
async function benchFiguresCity(): Promise<void> {
  const sizes = (process.env.BENCH_CITY_GRIDS ?? '1000,20000').split(',').map(Number);
  const perGrid = Number(process.env.BENCH_CITY_REPORTS_PER_GRID ?? 15);
  const rounds = Number(process.env.BENCH_FIGURE_CALLS ?? 5);
  const yearStart = Date.parse(FIGURES_YEAR.from);
  for (const grids of sizes) {
    // The morning after the year: every day of it is finished, as the fold would have found them.
    const runtime = await createLocalRuntime({
      dataDir: path.join(OUT, `figures-city-${grids}`),
      clock: { now: () => new Date(Date.parse(FIGURES_YEAR.to) + 9 * 3600_000) },
    });
    try {
      const expected = grids * perGrid;
      if ((await runtime.store.count('report_figures', { communityId: { $gte: 'city-' } })) < expected) {
        const t0 = performance.now();
        console.error(`… seeding ${expected.toLocaleString('en')} grid-day counters for ${grids} grids`);
        for (let start = 0; start < expected; start += 1000) {
          await runtime.store.runTransaction(async (tx) => {
            for (let i = start; i < Math.min(expected, start + 1000); i += 1) {
              const grid = i % grids;
              const n = Math.floor(i / grids);
              const day = new Date(yearStart + Math.floor(((n + 0.5) / perGrid) * 365) * 86400_000 + 12 * 3600_000);
              const key = { gridId: `city-g${grid}`, communityId: `city-c${Math.floor(grid / 14)}`, shard: 0 };
              const dayKey = new Date(day.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
              const doc = newFigureDoc(
                { id: `${key.gridId}|${dayKey}|0`, ...key, day: dayKey },
                {
                  total: 1,
                  'byStatus.closed': 1,
                  'byCategory.environment': 1,
                  responded: 1,
                  respondedOnTime: 1,
                  resolved: 1,
                  resolvedOnTime: 1,
                  satisfied: 1,
                },
              );
              await tx.insert('report_figures', doc);
            }
          });
        }
        rows.push(['city', `seed ${grids.toLocaleString('en')} grids' counters`, ms(performance.now() - t0), '—', '—']);
      }
      await seedCityPlaces(runtime, grids);
      const folded = await foldAll(runtime);
      if (folded.documents > 0) {
        rows.push([
          'city',
          `fold ${grids.toLocaleString('en')} grids (${folded.documents.toLocaleString('en')} docs, ${folded.runs} timer runs)`,
          ms(folded.ms),
          '—',
          '—',
        ]);
      }
      // The day's activity since the fold: the counters of the year's last day are dirty again
      // (a change touched them), as today's always are when someone reads.
      const lastDay = chinaDay(new Date(Date.parse(FIGURES_YEAR.to) - 1));
      await runtime.store.updateWhere('report_figures', { day: lastDay }, { $set: { dirty: true } });
      const city: number[] = [];
      const rolled: number[] = [];
      const call: number[] = [];
      const community: number[] = [];
      let documents = 0;
      let total = 0;
      let rolledDocs = 0;
      let rolledTotal = 0;
      // The raw read of every counter only where it is not minutes long (BENCH_CITY_RAW=1 forces it).
      const raw = grids <= 1000 || process.env.BENCH_CITY_RAW === '1';
      for (let round = -1; round < rounds; round += 1) {
        let t0 = performance.now();
        if (raw) {
          const all = await readReportFigures(runtime.store, {}, FIGURES_YEAR.from, FIGURES_YEAR.to);
          if (round >= 0) city.push(performance.now() - t0);
          documents = all.documents;
          total = all.total;
        }
        t0 = performance.now();
        const r = await readRolledFigures(runtime.store, { level: 'city' }, FIGURES_YEAR.from, FIGURES_YEAR.to);
        if (round >= 0) rolled.push(performance.now() - t0);
        rolledDocs = r?.documents ?? 0;
        rolledTotal = r?.total ?? 0;
        t0 = performance.now();
        await figuresCall(runtime, 'demo-admin', { scope: 'city', id: 'city' });
        if (round >= 0) call.push(performance.now() - t0);
        t0 = performance.now();
        await readReportFigures(runtime.store, { communityIds: ['city-c1'] }, FIGURES_YEAR.from, FIGURES_YEAR.to);
        if (round >= 0) community.push(performance.now() - t0);
      }
      const label = `${grids.toLocaleString('en')} grids`;
      if (raw) {
        rows.push([
          'city',
          `${label}: city year, every counter (${documents.toLocaleString('en')} docs, ${total.toLocaleString('en')} of ${(grids * perGrid).toLocaleString('en')} reports)`,
          `p50 ${ms(median(city))}`,
          '—',
          '—',
        ]);
      }
      const first = cityRolled.get(sizes[0] as number) ?? median(rolled);
      cityRolled.set(grids, median(rolled));
      rows.push([
        'city',
        `${label}: city year from rollups (${rolledDocs.toLocaleString('en')} docs, ${rolledTotal.toLocaleString('en')} reports; ${ratio(median(rolled), first)} of ${sizes[0]?.toLocaleString('en')} grids)`,
        `p50 ${ms(median(rolled))}`,
        '—',
        '—',
      ]);
      rows.push(['city', `${label}: admin.figures city, one year`, `p50 ${ms(median(call))}`, '—', '—']);
      rows.push(['city', `${label}: one community's year read`, `p50 ${ms(median(community))}`, '—', '—']);
    } finally {
      await runtime.close();
    }
  }
}

/** The rollup read of each city size, for the ratio to the smallest. */
const cityRolled = new Map<number, number>();

/** 12 communities a street (曲靖: ~21k grids, ~1,500 communities, ~130 streets), as their own documents. */
async function seedCityPlaces(runtime: LocalRuntime, grids: number): Promise<void> {
  const communities = Math.ceil(grids / 14);
  if (await runtime.store.get('communities', `city-c${communities - 1}`)) return;
  for (let start = 0; start < communities; start += 500) {
    await runtime.store.runTransaction(async (tx) => {
      for (let c = start; c < Math.min(communities, start + 500); c += 1) {
        const streetId = `city-s${Math.floor(c / 12)}`;
        if (c % 12 === 0) await tx.insert('streets', { _id: streetId, name: `城区街道${Math.floor(c / 12)}` });
        await tx.insert('communities', { _id: `city-c${c}`, streetId, name: `城区社区${c}`, kind: 'community' });
      }
    });
  }
}

/** Runs the fold's timer until nothing is owed (each run stops on its own budget, as on CloudBase). */
async function foldAll(runtime: LocalRuntime): Promise<{ documents: number; runs: number; ms: number }> {
  await rebuildOlderRollups(runtime);
  const t0 = performance.now();
  let documents = 0;
  for (let runs = 1; ; runs += 1) {
    const result = await runtime.invoke('admin', { Type: 'Timer', TriggerName: 'figuresFold' }, null, {
      trigger: 'timer',
    });
    if (!result.ok) throw new Error(`figures.fold: ${result.error.code} ${result.error.message}`);
    const data = result.data as { folded: number; done: boolean };
    documents += data.folded;
    if (data.done) return { documents, runs, ms: performance.now() - t0 };
  }
}

/**
 * A data folder folded before its snapshots held every level (grid, community, street, city):
 * admin.figures.rebuild, called with its cursor until done as an operator would, and timed (it is
 * the backfill's cost at this size).
 */
async function rebuildOlderRollups(runtime: LocalRuntime): Promise<void> {
  const state = await runtime.store.get<FoldStateDoc>('figures_state', 'reports');
  if (!state || holdsEveryLevel(state)) return;
  const t0 = performance.now();
  let cursor: string | undefined;
  for (let calls = 1; ; calls += 1) {
    const result = await runtime.invoke(
      'admin',
      { action: 'figures.rebuild', payload: { ...(cursor ? { cursor } : {}), maxSteps: 1000 } },
      'demo-admin',
    );
    if (!result.ok) throw new Error(`figures.rebuild: ${result.error.code} ${result.error.message}`);
    const data = result.data as { done: boolean; cursor: string | null };
    if (data.done) {
      rows.push(['figures', `admin.figures.rebuild to the end (${calls} calls)`, ms(performance.now() - t0), '—', '—']);
      return;
    }
    cursor = data.cursor ?? undefined;
  }
}

/**
 * A figures-scale folder folded before grid and community snapshots: through admin.figures.rebuild
 * up to 100k reports; above, the rebuild is not used — it pages each grid's reports by _id, and the
 * reports' (gridId, category, createdAt) index makes every page sort the grid again: 442 s at 100k,
 * some 13× that at 300k (grid B1 holds 150k) — and the folder is put back as the seeder leaves it
 * (its counters are the seeder's, exact): snapshots and fold state removed, every counter
 * unfolded, so the fold's init pass refolds all.
 */
async function bringOlderRollups(runtime: LocalRuntime, size: number): Promise<void> {
  const state = await runtime.store.get<FoldStateDoc>('figures_state', 'reports');
  if (!state || holdsEveryLevel(state) || size <= 100_000) return;
  const t0 = performance.now();
  for (;;) {
    const page = await runtime.store.find<{ _id: string }>('report_rollups', {}, { limit: 1000 });
    if (page.length === 0) break;
    await runtime.store.runTransaction(async (tx) => {
      for (const d of page) await tx.removeById('report_rollups', d._id);
    });
  }
  await runtime.store.removeById('figures_state', 'reports');
  await runtime.store.updateWhere('report_figures', {}, { $set: { folded: null, dirty: true } });
  rows.push([
    'figures',
    `${size.toLocaleString('en')}: older snapshots removed, counters unfolded (as seeded)`,
    ms(performance.now() - t0),
    '—',
    '—',
  ]);
}

async function figuresCall(runtime: LocalRuntime, openid: string, scope: { scope: string; id: string }) {
  const result = await runtime.invoke('admin', { action: 'figures', payload: { ...scope, ...FIGURES_YEAR } }, openid);
  if (!result.ok) throw new Error(`admin.figures: ${result.error.code} ${result.error.message}`);
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'h5') {
    const runtime = await createLocalRuntime({ dataDir: path.join(OUT, 'data-h5') });
    try {
      await benchH5(runtime);
    } finally {
      await runtime.close();
    }
    return printTable();
  }
  if (process.env.BENCH_ONLY === 'figures-city') {
    await benchFiguresCity();
    return printTable();
  }
  if (process.env.BENCH_ONLY === 'figures-scale') {
    await benchFiguresAtScale();
    return printTable();
  }
  mkdirSync(OUT, { recursive: true });
  const dataDir = path.join(OUT, 'data');
  const fresh = !existsSync(path.join(dataDir, 'gongzhi.sqlite'));
  const runtime = await createLocalRuntime({ dataDir });
  try {
    console.error(
      fresh ? '… seeding the benchmark dataset (first run only)' : '… reusing the seeded benchmark dataset',
    );
    const counts = await seedBenchDataset(runtime, (line) => console.error(`  ${line}`));
    if (process.env.BENCH_SKIP_BUILDS !== '1') benchPackages();
    // The weapp journeys in WeChat's component framework: setData rate and payloads (bench/weapp.ts).
    if (process.env.BENCH_SKIP_BUILDS !== '1') rows.push(...benchWeapp(path.join(OUT, 'weapp')));
    await benchFunctions(runtime, counts);
    if (process.env.BENCH_SKIP_BUILDS !== '1') await benchH5(runtime);
  } finally {
    await runtime.close();
  }
  if (process.env.BENCH_SKIP_FIGURES !== '1') await benchFiguresAtScale();
  printTable();
}

function printTable(): void {
  const widths = [10, 48, 44, 16, 8];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' | ')} |`;
  console.log(line(['section', 'metric', 'value', 'baseline', 'ratio']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
