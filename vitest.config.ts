import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The weapp runtime has its own pass (npm run test:weapp, tests/weapp/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'tests/weapp/**'],
    pool: 'forks',
    // Two cores: more workers only thrash; browser suites are heavy.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
