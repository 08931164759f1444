import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { LocalEndpoints } from '../../../local/cloud/endpoints-file.ts';
import { readIssuers } from '../../../local/cloud/identity/issuers.ts';
import { mintToken, type TokenRequest } from '../../../local/cloud/identity/mint-token.ts';
import { loadOrCreateSigningKey } from '../../../local/cloud/identity/signing-key.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** SDK clients configured as any developer would configure them against the local endpoints. */
export function cloudClients(endpoints: LocalEndpoints) {
  return {
    dynamodb: new DynamoDBClient({ endpoint: endpoints.dynamodb, region: endpoints.region, credentials }),
    s3: new S3Client({
      endpoint: endpoints.s3,
      region: endpoints.region,
      credentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
    sfn: new SFNClient({ endpoint: endpoints.stepfunctions, region: endpoints.region, credentials }),
  };
}

/** Mints a token from the running cloud's issuer, as `npm run token` does. */
export async function tokenFor(
  dataDir: string,
  request: Omit<TokenRequest, 'issuer' | 'clientId'> & { clientId?: string },
): Promise<string> {
  const identityDir = join(dataDir, 'identity');
  const issuer = readIssuers(identityDir)![0]!;
  const key = await loadOrCreateSigningKey(identityDir);
  return mintToken(key, { issuer: issuer.issuer, clientId: issuer.clientIds[0]!, ...request });
}

/**
 * Polls until `probe` returns a defined value, or fails after `timeoutMs`. The default is
 * generous: files share one runtime, and a 1,000-row upload leaves hundreds of intake workflows
 * draining behind a test's own.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
