// npm test: typecheck, lint, both builds (the browser tests and size budgets read them), then every suite.
// Extra arguments go to vitest, e.g. `npm test -- tests/store`.
import { spawnSync } from 'node:child_process';

const run = (label, command, args, env = {}) => {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `  ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const vitestArgs = process.argv.slice(2);
run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint (biome)', 'npx', ['biome', 'check', '.']);
if (process.env.SKIP_BUILDS !== '1') {
  run('build weapp', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' });
  run('build h5', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
}
run('vitest', 'npx', ['vitest', 'run', ...vitestArgs]);
