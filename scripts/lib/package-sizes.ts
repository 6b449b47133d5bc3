import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface PackageSizes {
  main: number;
  subpackages: Record<string, number>;
  total: number;
}

/** The weapp cap per package and the stricter budget we hold ourselves to. */
export const WEAPP_PACKAGE_CAP = 2 * 1024 * 1024;
export const WEAPP_PACKAGE_BUDGET = 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Bytes of the main package and each subpackage of a weapp build, as WeChat counts them (source maps excluded). */
export function weappPackageSizes(distDir: string): PackageSizes {
  const app = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])), total: 0 };
  for (const file of filesUnder(distDir)) {
    if (file.endsWith('.map') || file.endsWith('.LICENSE.txt')) continue;
    const relative = path.relative(distDir, file).split(path.sep).join('/');
    const bytes = statSync(file).size;
    const root = roots.find((r) => relative.startsWith(`${r}/`));
    if (root) sizes.subpackages[root] = (sizes.subpackages[root] ?? 0) + bytes;
    else sizes.main += bytes;
    sizes.total += bytes;
  }
  return sizes;
}
