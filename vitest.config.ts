import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Handlers log refusals at INFO; in tests only warnings and errors are worth reading.
          env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
        },
      },
      {
        test: {
          name: 'integration',
          globalSetup: ['test/integration/global-setup.ts'],
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
