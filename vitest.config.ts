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
      {
        test: {
          // Slow runs against a runtime started as its own process (crash and restart): kept out of
          // `integration` so the everyday suite stays short.
          name: 'reliability',
          globalSetup: ['test/integration/global-setup.ts'],
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 1_500_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
