import { defineConfig } from 'vitest/config';

// npm run test:weapp: the weapp build run through WeChat's compilers and component framework. Its own
// config so the main pass (vitest.config.ts, which excludes tests/weapp) does not run it twice.
export default defineConfig({
  test: {
    include: ['tests/weapp/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
