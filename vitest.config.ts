import { defineConfig } from 'vitest/config';

// In CI a JSON report lets .ci/run print the real pass/fail counts.
const reporters = process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'];

export default defineConfig({
  test: {
    reporters: reporters as never,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          testTimeout: 60000,
          hookTimeout: 60000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 90000,
          hookTimeout: 120000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
