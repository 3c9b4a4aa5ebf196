import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'test-support/**/*.test.ts'],
    globalSetup: ['test-support/global-setup.ts', 'test-support/build-web.ts'],
    pool: 'forks',
    // The machines (developers' and CI's) have 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    // The normal terminal output, plus a JSON report that .ci/run counts from.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
  },
});
