// npm run test:weapp: the weapp build through WeChat's compilers and component framework, its cloud
// calls into the built function bundles. Builds what it runs (dist/ and the bundles) unless
// SKIP_BUILDS=1 (npm test has just built them); extra arguments go to vitest.
import { run } from './lib/run-step.mjs';

if (process.env.SKIP_BUILDS !== '1') {
  run('build weapp', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' });
}
// The bundles are what wx.cloud.callFunction runs: always the current sources' bytes.
run('build functions', 'npx', ['tsx', 'scripts/build-functions.ts']);
run('weapp runtime (vitest)', 'npx', [
  'vitest',
  'run',
  '--config',
  'tests/weapp/vitest.config.ts',
  ...process.argv.slice(2),
]);
