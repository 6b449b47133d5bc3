import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(__dirname, '..', '..', process.env.E2E_H5_DIR ?? 'dist-h5');
/** Issue 19: shared code in common chunks, not copied into each page chunk (7.8 MB before). */
const H5_JS_BUDGET = 2.5 * 1024 * 1024;

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...files(file, ext));
    else if (file.endsWith(ext)) out.push(file);
  }
  return out;
}

describe('h5 budgets (npm test builds dist-h5/ first)', () => {
  it('the h5 build exists', () => {
    expect(existsSync(path.join(DIST, 'index.html')), `no h5 build in ${DIST}: run npm run build:h5`).toBe(true);
  });

  it('all JavaScript of the h5 build together ≤ 2.5 MB', () => {
    const js = files(DIST, '.js');
    const total = js.reduce((sum, f) => sum + statSync(f).size, 0);
    const largest = js
      .map((f) => ({ f: path.relative(DIST, f), bytes: statSync(f).size }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3);
    console.log(
      `h5 JS ${(total / 1024).toFixed(0)} KB in ${js.length} files; largest ${largest.map((l) => `${l.f} ${(l.bytes / 1024).toFixed(0)} KB`).join(', ')}`,
    );
    expect(total).toBeLessThanOrEqual(H5_JS_BUDGET);
  });

  it('index.html lets people zoom and preloads the home page chunks', () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/user-scalable\s*=\s*no/);
    expect(html).not.toMatch(/maximum-scale\s*=\s*1(\.0)?[,"]/);
    const preloads = [...html.matchAll(/<link rel="preload" as="script" href="([^"]+)"/g)].map((m) => m[1] as string);
    expect(preloads.length).toBeGreaterThan(0);
    for (const href of preloads) expect(existsSync(path.join(DIST, href)), href).toBe(true);
  });
});
