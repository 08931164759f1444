import { readFileSync } from 'node:fs';

/**
 * Environment every intake handler reads (lazily, at the first request). The P-code table is bundled
 * as text by esbuild; vitest cannot import a .csv, so handler tests mock that import with the file:
 *
 *   vi.mock('../../../config/pcodes.csv', async () => ({ default: (await import('./handler-setup.ts')).pcodesCsv() }));
 */
export const ENV = {
  REGISTRY_TABLE: 'registry-test',
  AUDIT_TABLE: 'audit-test',
  IDEMPOTENCY_TABLE: 'idempotency-test',
  INTAKE_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:123456789012:stateMachine:intake',
  KOBO_SHARED_SECRET: 'kobo-secret-for-tests',
  AWS_REGION: 'eu-west-3',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};
Object.assign(process.env, ENV);

/** The P-code table as the bundle holds it; handler tests mock the .csv import with it. */
export const pcodesCsv = () => readFileSync(new URL('../../../config/pcodes.csv', import.meta.url), 'utf8');

export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
