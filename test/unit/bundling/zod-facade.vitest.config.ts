/**
 * Runs the schema and handler unit tests with `zod` resolved to the classic-API facade over
 * zod/mini that the Lambda bundles carry (infra/constructs/bundling/zod):
 * `npx vitest run --config test/unit/bundling/zod-facade.vitest.config.ts`
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  resolve: {
    alias: [
      {
        find: /^zod$/,
        replacement: fileURLToPath(
          new URL('../../../infra/constructs/bundling/zod/index.ts', import.meta.url),
        ),
      },
    ],
  },
  test: {
    include: [
      'test/unit/schemas/**/*.test.ts',
      'test/unit/intake/**/*.test.ts',
      'test/unit/gbv/**/*.test.ts',
      'test/unit/kits/**/*.test.ts',
      'test/unit/bulk-intake/**/*.test.ts',
      'test/unit/health/**/*.test.ts',
      'test/unit/shared/**/*.test.ts',
    ],
    environment: 'node',
    env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
