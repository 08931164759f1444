import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointFile } from '../../../../local/cloud/dynamodb/stream-checkpoints.ts';
import {
  type StreamBatchFailure,
  type StreamPoller,
  startStreamPoller,
} from '../../../../local/cloud/dynamodb/stream-poller.ts';
import type { StreamRecord, StreamsApi } from '../../../../local/cloud/dynamodb/streams-api.ts';
import { ttlDeletions } from '../../../../local/cloud/dynamodb/ttl-deletions.ts';
import type { InvocationResult } from '../../../../local/cloud/lambda/lambda-runner.ts';
import type { StreamMappingModel } from '../../../../local/cloud/model/event-source-mappings.ts';

const STREAM = 'arn:aws:dynamodb:ddblocal:000000000000:table/protection/stream/2026-11-27T00:00:00.000';

/** DynamoDB Local's stream, one shard; iterators are positions in the record list. */
function fakeStream() {
  const records: StreamRecord[] = [];
  const add = (eventName: StreamRecord['eventName'], pk: string, sk = 'RETENTION') => {
    const sequence = String(records.length + 1).padStart(21, '0');
    records.push({
      eventID: `e${sequence}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, SequenceNumber: sequence },
    });
    return { pk: { S: pk }, sk: { S: sk } };
  };
  const api: StreamsApi = {
    latestStreamArn: async () => STREAM,
    shards: async () => [{ ShardId: 'shard-1' }],
    shardIterator: async (_arn, _shard, position) => {
      if ('sequenceNumber' in position)
        return `at:${records.findIndex((r) => r.dynamodb.SequenceNumber === position.sequenceNumber) + 1}`;
      return position.type === 'LATEST' ? `at:${records.length}` : 'at:0';
    },
    records: async (iterator) => {
      const at = Number(iterator.split(':')[1]);
      const page = records.slice(at, at + 1000);
      return { records: page, next: `at:${at + page.length}` };
    },
  };
  return { api, add };
}

const mapping = (overrides: Partial<StreamMappingModel> = {}): StreamMappingModel => ({
  logicalId: 'Retention',
  stackName: 'Service',
  functionName: 'anonymizer',
  eventSourceArn: 'arn:aws:dynamodb:eu-west-3:123456789012:table/protection/stream/1970-01-01T00:00:00.000',
  tableName: 'protection',
  startingPosition: 'TRIM_HORIZON',
  batchSize: 2,
  filters: [{ eventName: ['REMOVE'], userIdentity: { type: ['Service'] } }],
  maximumRetryAttempts: 2,
  reportBatchItemFailures: true,
  ...overrides,
});

type Batch = { Records: StreamRecord[] };
const pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

function run(options: {
  api: StreamsApi;
  model?: StreamMappingModel;
  file: string;
  deletions?: ReturnType<typeof ttlDeletions>;
  answer?: (batch: Batch, call: number) => InvocationResult;
}) {
  const calls: Batch[] = [];
  const failures: StreamBatchFailure[] = [];
  const poller = startStreamPoller({
    mapping: options.model ?? mapping(),
    api: options.api,
    region: 'eu-west-3',
    deletions: options.deletions ?? ttlDeletions(),
    checkpoints: checkpointFile(options.file),
    invoke: async (_name, event) => {
      const batch = structuredClone(event as Batch);
      calls.push(batch);
      return options.answer?.(batch, calls.length) ?? { ok: true, payload: null };
    },
    onFailure: (failure) => failures.push(failure),
    log: () => undefined,
    pollIntervalMs: 5,
    retryDelayMs: () => 1,
  });
  pollers.push(poller);
  return { poller, calls, failures };
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const keysOf = (batch: Batch) => batch.Records.map((r) => (r.dynamodb.Keys as { pk: { S: string } }).pk.S);
const checkpoint = () => join(mkdtempSync(join(tmpdir(), 'stream-poller-')), 'mapping.json');

describe('stream poller', () => {
  it('delivers the records that pass the filter, in order, in batches, stamped as TTL expiries', async () => {
    const { api, add } = fakeStream();
    const deletions = ttlDeletions();
    for (const pk of ['C1', 'C2', 'C3']) deletions.note('protection', add('REMOVE', pk));
    add('REMOVE', 'C4'); // deleted by someone: no TTL identity, filtered out
    add('INSERT', 'C5');
    const { calls } = run({ api, file: checkpoint(), deletions });
    await until(() => calls.length === 2);
    expect(calls.map(keysOf)).toEqual([['C1', 'C2'], ['C3']]);
    expect(calls[0]!.Records[0]).toMatchObject({
      awsRegion: 'eu-west-3',
      eventSourceARN: mapping().eventSourceArn,
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    });
    // Delivered notes are consumed.
    await until(() => !deletions.has('protection', { pk: { S: 'C3' }, sk: { S: 'RETENTION' } }));
  });

  it('resumes after a restart where it stopped: nothing handled is delivered again', async () => {
    const { api, add } = fakeStream();
    const file = checkpoint();
    const deletions = ttlDeletions();
    deletions.note('protection', add('REMOVE', 'C1'));
    const first = run({ api, file, deletions });
    await until(() => first.calls.length === 1);
    await first.poller.stop();
    deletions.note('protection', add('REMOVE', 'C2'));
    const second = run({ api, file, deletions });
    await until(() => second.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.calls.map(keysOf)).toEqual([['C2']]);
  });

  it('retries a failed batch, then hands its coordinates (not its records) to the on-failure destination and moves on', async () => {
    const { api, add } = fakeStream();
    const deletions = ttlDeletions();
    deletions.note('protection', add('REMOVE', 'BAD'));
    const { calls, failures } = run({
      api,
      file: checkpoint(),
      deletions,
      answer: (batch) =>
        keysOf(batch).includes('BAD')
          ? { ok: false, error: { errorType: 'Boom', errorMessage: 'failed', trace: [] } }
          : { ok: true, payload: null },
    });
    await until(() => failures.length === 1);
    // The first attempt and two retries (MaximumRetryAttempts 2).
    expect(calls).toHaveLength(3);
    expect(failures[0]).toEqual({
      functionName: 'anonymizer',
      destination: null,
      error: { errorType: 'Boom', errorMessage: 'failed', trace: [] },
      batch: {
        streamArn: STREAM,
        shardId: 'shard-1',
        startSequenceNumber: '000000000000000000001',
        endSequenceNumber: '000000000000000000001',
        batchSize: 1,
      },
    });
    expect(JSON.stringify(failures)).not.toContain('BAD');
    deletions.note('protection', add('REMOVE', 'GOOD'));
    await until(() => calls.some((batch) => keysOf(batch).includes('GOOD')));
  });

  it('retries from the first record the function reports as failed (ReportBatchItemFailures)', async () => {
    const { api, add } = fakeStream();
    const deletions = ttlDeletions();
    for (const pk of ['C1', 'C2']) deletions.note('protection', add('REMOVE', pk));
    const { calls } = run({
      api,
      file: checkpoint(),
      deletions,
      answer: (batch, call) =>
        call === 1
          ? {
              ok: true,
              payload: { batchItemFailures: [{ itemIdentifier: batch.Records[1]!.dynamodb.SequenceNumber }] },
            }
          : { ok: true, payload: { batchItemFailures: [] } },
    });
    await until(() => calls.length === 2);
    expect(calls.map(keysOf)).toEqual([['C1', 'C2'], ['C2']]);
  });

  it('starts at the end of the stream with StartingPosition LATEST', async () => {
    const { api, add } = fakeStream();
    const deletions = ttlDeletions();
    deletions.note('protection', add('REMOVE', 'OLD'));
    let positioned = false;
    const watched: StreamsApi = {
      ...api,
      shardIterator: async (...args) => {
        const iterator = await api.shardIterator(...args);
        positioned = true;
        return iterator;
      },
    };
    const { calls } = run({
      api: watched,
      file: checkpoint(),
      deletions,
      model: mapping({ startingPosition: 'LATEST' }),
    });
    await until(() => positioned);
    deletions.note('protection', add('REMOVE', 'NEW'));
    await until(() => calls.length === 1);
    expect(calls.map(keysOf)).toEqual([['NEW']]);
  });
});
