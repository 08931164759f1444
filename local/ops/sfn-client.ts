import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';

/** Where a Step Functions endpoint came from, so the CLI can say which runtime it talks to. */
export interface SfnTarget {
  /** Undefined means AWS itself, reached through the standard endpoint resolution. */
  endpoint?: string;
  source: 'flag' | 'env' | 'endpoints-file' | 'aws';
}

/**
 * Picks the Step Functions endpoint: `--endpoint`, then `AWS_ENDPOINT_URL_SFN` (the SDK's own
 * variable), then the local runtime's `.local/endpoints.json`, else AWS.
 */
export function resolveSfnTarget(options: {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}): SfnTarget {
  const env = options.env ?? process.env;
  if (options.flag) return { endpoint: options.flag, source: 'flag' };
  if (env.AWS_ENDPOINT_URL_SFN) return { endpoint: env.AWS_ENDPOINT_URL_SFN, source: 'env' };
  const fromFile = readEndpointsFile(join(options.cwd ?? process.cwd(), '.local', 'endpoints.json'));
  if (fromFile) return { endpoint: fromFile, source: 'endpoints-file' };
  return { source: 'aws' };
}

/** Reads the SFN endpoint from the local runtime's endpoints file, tolerating a few key spellings. */
export function readEndpointsFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  for (const key of ['sfn', 'stepfunctions', 'stepFunctions', 'states', 'AWS_ENDPOINT_URL_SFN']) {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null) {
      const nested = (value as Record<string, unknown>).endpoint ?? (value as Record<string, unknown>).url;
      if (typeof nested === 'string') return nested;
    }
  }
  return undefined;
}

/**
 * An SFN client for the target. A local endpoint needs no real credentials, so when none are
 * configured it signs with placeholder ones rather than failing in the credential chain.
 */
export function createSfnClient(target: SfnTarget, env: NodeJS.ProcessEnv = process.env): SFNClient {
  if (!target.endpoint) return new SFNClient({});
  const hasCredentials = Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE);
  return new SFNClient({
    endpoint: target.endpoint,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(hasCredentials ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
}
