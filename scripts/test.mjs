// npm test: typecheck, lint, both builds (the browser tests and size budgets read them), then every suite,
// then the weapp runtime (scripts/test-weapp.mjs) on the weapp build.
// Extra arguments go to vitest, e.g. `npm test -- tests/store`.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { run } from './lib/run-step.mjs';

const vitestArgs = process.argv.slice(2);
run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint (biome)', 'npx', ['biome', 'check', '.']);
if (process.env.SKIP_BUILDS !== '1') {
  run('build weapp', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' });
  run('build h5', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
}
run('vitest', 'npx', ['vitest', 'run', ...vitestArgs]);

// Second pass over the suites that drive the handlers: every transaction that writes fails once at
// commit (tests/support/runtime.ts), so every retry path they reach runs and their
// assertions prove the bodies are retry-safe. Skipped when only some suites were asked for.
if (vitestArgs.length === 0) {
  const passDir = '.build/conflict-pass';
  rmSync(passDir, { recursive: true, force: true });
  run(
    'vitest, every transaction conflicted once',
    'npx',
    ['vitest', 'run', 'tests/functions', 'tests/greencoin/functions.test.ts'],
    { GONGZHI_INJECT_CONFLICTS: '1' },
  );
  const retried = new Set(
    existsSync(passDir) ? readdirSync(passDir).flatMap((f) => JSON.parse(readFileSync(`${passDir}/${f}`, 'utf8'))) : [],
  );
  if (retried.size === 0) {
    console.error('  the conflict pass injected no conflict: the injection is not wired');
    process.exit(1);
  }
  console.log(`  ${retried.size} actions had a transaction fail and retry: ${[...retried].sort().join(', ')}`);

  // The weapp build run for real: WeChat's compilers, its component framework, the built bundles.
  run('weapp runtime (npm run test:weapp)', 'node', ['scripts/test-weapp.mjs'], { SKIP_BUILDS: '1' });
}
