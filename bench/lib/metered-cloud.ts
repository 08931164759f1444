import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { type LocalCloud, startLocalCloud } from '../../local/cloud/start-local-cloud.ts';
import { callerEndpoint, type RequestMeter, startRequestMeter } from './request-meter.ts';

/** Points the functions' SDK at the meters: the runner reads the environment when it creates a sandbox. */
function meterFunctions(cloud: LocalCloud, dynamo: RequestMeter, s3: RequestMeter): void {
  for (const fn of cloud.model.functions) {
    const environment = fn.environment as Record<string, string>;
    environment['AWS_ENDPOINT_URL_DYNAMODB'] = callerEndpoint(dynamo.url, fn.functionName);
    environment['AWS_ENDPOINT_URL_S3'] = callerEndpoint(s3.url, fn.functionName);
  }
}

export interface MeteredCloud {
  cloud: LocalCloud;
  dataDir: string;
  /** Counting proxies in front of DynamoDB Local and the S3 stand-in, which the functions call. */
  dynamo: RequestMeter;
  s3: RequestMeter;
  sfn: SFNClient;
  /** Stops the meters and the cloud, and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * A local runtime for a bench: the synthesized assembly on free ports with a temporary data
 * directory, its functions' DynamoDB and S3 calls going through counting proxies.
 */
export async function startMeteredCloud(options: {
  rootDir: string;
  assemblyDir: string;
  /** Prefix of the temporary data directory, e.g. `bench-e2e-`. */
  dataDirPrefix: string;
}): Promise<MeteredCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix));
  const cloud = await startLocalCloud({
    rootDir: options.rootDir,
    assemblyDir: options.assemblyDir,
    synth: 'never',
    dataDir,
    ports: { api: 0, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 },
    log: () => undefined,
  });
  const dynamo = await startRequestMeter(cloud.endpoints.dynamodb, 'dynamodb');
  const s3 = await startRequestMeter(cloud.endpoints.s3, 's3');
  const sfn = new SFNClient({
    endpoint: cloud.endpoints.stepfunctions,
    region: cloud.endpoints.region,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  meterFunctions(cloud, dynamo, s3);
  return {
    cloud,
    dataDir,
    dynamo,
    s3,
    sfn,
    async stop() {
      sfn.destroy();
      await dynamo.stop();
      await s3.stop();
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
