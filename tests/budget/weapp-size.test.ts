import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEAPP_PACKAGE_BUDGET, weappPackageSizes } from '../../scripts/lib/package-sizes';

const DIST = path.resolve(__dirname, '..', '..', process.env.WEAPP_DIST_DIR ?? 'dist');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

describe('weapp package budgets (npm test builds dist/ first)', () => {
  it('the weapp build exists', () => {
    expect(existsSync(path.join(DIST, 'app.json')), `no weapp build in ${DIST}: run npm run build:weapp`).toBe(true);
  });

  it('main package ≤ 1 MB (WeChat caps it at 2 MB) and every subpackage ≤ 1 MB', () => {
    const sizes = weappPackageSizes(DIST);
    console.log(
      `weapp main ${kb(sizes.main)}; ${Object.entries(sizes.subpackages)
        .map(([r, b]) => `${r} ${kb(b)}`)
        .join(', ')}`,
    );
    expect(sizes.main).toBeLessThanOrEqual(WEAPP_PACKAGE_BUDGET);
    for (const [root, bytes] of Object.entries(sizes.subpackages)) {
      expect(bytes, root).toBeLessThanOrEqual(WEAPP_PACKAGE_BUDGET);
    }
    expect(sizes.total).toBeLessThanOrEqual(20 * 1024 * 1024);
  });

  it('no build-time setting is left as a process.env read (the phone has no process)', () => {
    const leftovers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (file.endsWith('.js') && /process\.env\.TARO_APP_/.test(readFileSync(file, 'utf8')))
          leftovers.push(file);
      }
    };
    walk(DIST);
    expect(leftovers).toEqual([]);
  });

  it('only tab pages and sign-in are in the main package; role areas are subpackages', () => {
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
    expect(app.pages).toEqual(['pages/index/index', 'pages/report/index', 'pages/me/index', 'pages/login/index']);
    expect(app.subPackages.length).toBeGreaterThanOrEqual(1);
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
  });
});
