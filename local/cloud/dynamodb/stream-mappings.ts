import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '../lambda/lambda-environment.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { LocalCloudModel } from '../model/local-cloud-model.ts';
import { checkpointFile } from './stream-checkpoints.ts';
import { type StreamBatchFailure, type StreamPoller, startStreamPoller } from './stream-poller.ts';
import { streamsApi } from './streams-api.ts';
import { ttlDeletions } from './ttl-deletions.ts';
import { type TtlSweep, ttlSweeper } from './ttl-sweeper.ts';

/**
 * DynamoDB's TTL and Lambda's stream event source mappings, over DynamoDB Local: the sweeper
 * expires items of every table with a TimeToLiveSpecification, and one poller per mapping
 * delivers the table's stream records to its function. State under `<dataDir>/streams/`
 * (positions, pending TTL deletions); batches that failed every attempt under
 * `<dataDir>/dead-letters/<function>.jsonl`.
 */
export function startStreamMappings(options: {
  model: Pick<LocalCloudModel, 'tables' | 'streamMappings' | 'skippedMappings'>;
  endpoint: string;
  region: string;
  dataDir: string;
  runner: Pick<LambdaRunner, 'invoke' | 'find'>;
  now: () => number;
  log(message: string): void;
}) {
  const { model, log } = options;
  const dir = join(options.dataDir, 'streams');
  const deletions = ttlDeletions(join(dir, 'ttl-deletions.json'));
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: LOCAL_CREDENTIALS,
  });
  const sweeper = ttlSweeper({ client, tables: model.tables, deletions, now: options.now, log });
  for (const skipped of model.skippedMappings)
    log(`event source mapping ${skipped.logicalId} not run locally: ${skipped.reason}`);
  const api = streamsApi(options.endpoint, options.region);
  const failures = join(options.dataDir, 'dead-letters');
  const onFailure = (failure: StreamBatchFailure) => {
    const name = options.runner.find(failure.functionName)?.functionName ?? failure.functionName;
    mkdirSync(failures, { recursive: true });
    const file = join(failures, `${name}.jsonl`);
    appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), ...failure })}\n`);
    log(`stream batch for ${name} failed every attempt; its coordinates are in ${file}`);
  };
  const pollers: StreamPoller[] = model.streamMappings.map((mapping) =>
    startStreamPoller({
      mapping,
      api,
      region: options.region,
      deletions,
      checkpoints: checkpointFile(join(dir, `${mapping.stackName}-${mapping.logicalId}.json`)),
      invoke: (name, event) => options.runner.invoke(name, event),
      onFailure,
      log,
    }),
  );
  return {
    sweepTtl: (): Promise<TtlSweep[]> => sweeper.sweep(),
    startSweeping(intervalMs: number) {
      if (intervalMs > 0) sweeper.start(intervalMs);
    },
    async stop() {
      await sweeper.stop();
      await Promise.all(pollers.map((poller) => poller.stop()));
      client.destroy();
    },
  };
}
