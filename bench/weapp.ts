/**
 * The weapp rows of npm run bench: the journeys of tests/weapp run through WeChat's component
 * framework (miniprogram-simulate) on a weapp build, each writing its setData figures to
 * .build/weapp-bench/<journey>.json; this reads them into the table. WeChat's performance audit
 * asks for at most 20 setData per second and payloads far below 1 MB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

type Row = [section: string, metric: string, value: string, baseline: string, ratio: string];

interface Figures {
  name: string;
  journey: string;
  setDataCalls: number;
  seconds: number;
  perSecondMean: number;
  perSecondPeak: number;
  largestBytes: number;
  firstRenderMs?: number;
  relaunchToDataMs?: number;
}

const ROOT = path.resolve(__dirname, '..');
const FIGURES = path.join(ROOT, '.build', 'weapp-bench');

/** Runs the weapp journeys on `distDir` (a weapp build) and returns their rows. */
export function benchWeapp(distDir: string): Row[] {
  rmSync(FIGURES, { recursive: true, force: true });
  // wx.cloud.callFunction runs the built bundles: build them from the current sources.
  spawnSync('npx', ['tsx', 'scripts/build-functions.ts'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'tests/weapp/vitest.config.ts',
      'tests/weapp/pages.test.ts',
      'tests/weapp/reports.test.ts',
      'tests/weapp/greencoin.test.ts',
      'tests/weapp/timebank.test.ts',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WEAPP_DIST_DIR: distDir } },
  );
  if (result.status !== 0) return [['weapp', 'journeys', 'failed: run npm run test:weapp', '—', '—']];
  const all = existsSync(FIGURES)
    ? readdirSync(FIGURES).map((f) => JSON.parse(readFileSync(path.join(FIGURES, f), 'utf8')) as Figures)
    : [];
  const rows: Row[] = [];
  for (const f of all) {
    if (f.firstRenderMs !== undefined)
      rows.push(['weapp', 'home first render (onLoad → first setData)', `${f.firstRenderMs} ms`, '—', '—']);
    if (f.relaunchToDataMs !== undefined)
      rows.push(['weapp', 'home relaunch until its data shows', `${f.relaunchToDataMs} ms`, '—', '—']);
    rows.push([
      'weapp',
      `${f.journey}: setData/s peak (1 s window), mean`,
      `${f.perSecondPeak} peak, ${f.perSecondMean} mean (${f.setDataCalls} in ${f.seconds} s)`,
      '≤ 20/s',
      '—',
    ]);
    rows.push([
      'weapp',
      `${f.journey}: largest setData payload`,
      `${(f.largestBytes / 1024).toFixed(1)} KB`,
      '< 1024 KB',
      `${(f.largestBytes / (1024 * 1024)).toFixed(3)}×`,
    ]);
  }
  return rows;
}
