/**
 * Runs the shared plumbing and handler unit tests with Powertools' Logger, Metrics and
 * idempotency, `ulid` and the header normalizer resolved to the stand-ins the Lambda bundles carry
 * (infra/constructs/bundling):
 * `npx vitest run --config test/unit/bundling/powertools-standins.vitest.config.ts`
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const bundling = (path: string) =>
  fileURLToPath(new URL(`../../../infra/constructs/bundling/${path}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  resolve: {
    alias: [
      { find: /^@aws-lambda-powertools\/logger$/, replacement: bundling('powertools-logger/index.ts') },
      {
        find: /^@aws-lambda-powertools\/logger\/middleware$/,
        replacement: bundling('powertools-logger/middleware.ts'),
      },
      { find: /^@aws-lambda-powertools\/metrics$/, replacement: bundling('powertools-metrics.ts') },
      {
        find: /^@aws-lambda-powertools\/idempotency$/,
        replacement: bundling('powertools-idempotency/index.ts'),
      },
      {
        find: /^@aws-lambda-powertools\/idempotency\/dynamodb$/,
        replacement: bundling('powertools-idempotency/dynamodb.ts'),
      },
      {
        find: /^@aws-lambda-powertools\/idempotency\/persistence$/,
        replacement: bundling('powertools-idempotency/persistence.ts'),
      },
      { find: /^ulid$/, replacement: bundling('ulid.ts') },
      { find: /^@middy\/http-header-normalizer$/, replacement: bundling('middy/http-header-normalizer.ts') },
    ],
  },
  test: {
    include: [
      'test/unit/shared/**/*.test.ts',
      'test/unit/intake/**/*.test.ts',
      'test/unit/gbv/**/*.test.ts',
      'test/unit/kits/**/*.test.ts',
      'test/unit/stock/**/*.test.ts',
      'test/unit/allocations/**/*.test.ts',
      'test/unit/bulk-intake/**/*.test.ts',
    ],
    environment: 'node',
    env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
