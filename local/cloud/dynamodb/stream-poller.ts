import type { LambdaErrorPayload } from '../lambda/lambda-errors.ts';
import type { InvocationResult } from '../lambda/lambda-runner.ts';
import type { StreamMappingModel } from '../model/event-source-mappings.ts';
import type { CheckpointFile } from './stream-checkpoints.ts';
import { asLambdaRecord, passesFilters, removedByTtl } from './stream-filter.ts';
import type { Shard, StreamRecord, StreamsApi } from './streams-api.ts';
import type { TtlDeletions } from './ttl-deletions.ts';

/** What Lambda sends an on-failure destination for a stream batch: coordinates, never the records. */
export interface StreamBatchFailure {
  functionName: string;
  destination: string | null;
  error: LambdaErrorPayload;
  batch: {
    streamArn: string;
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    batchSize: number;
  };
}

export interface StreamPollerOptions {
  mapping: StreamMappingModel;
  api: StreamsApi;
  region: string;
  deletions: TtlDeletions;
  checkpoints: CheckpointFile;
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  /** A batch that failed every attempt (the mapping's on-failure destination on AWS). */
  onFailure(failure: StreamBatchFailure): void;
  log(message: string): void;
  /** Pause between polls of an idle shard (Lambda polls about four times a second). */
  pollIntervalMs?: number;
  /** Delay before retry `n` (0-based) of a failed batch. */
  retryDelayMs?: (attempt: number) => number;
}

export interface StreamPoller {
  stop(): Promise<void>;
}

const DESCRIBE_EVERY_MS = 5000;

const defaultRetryDelay = (attempt: number) => Math.min(500 * 2 ** attempt, 30_000);

/** The sequence number of the first failed record a function reported, if it names one of the batch. */
function firstReportedFailure(
  payload: unknown,
  batch: readonly StreamRecord[],
): number | 'whole-batch' | undefined {
  const failures = (payload as { batchItemFailures?: { itemIdentifier?: string }[] } | null)
    ?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb.SequenceNumber === f.itemIdentifier));
  // Lambda treats an identifier it cannot match as a failure of the whole batch.
  if (indexes.some((index) => index < 0)) return 'whole-batch';
  return Math.min(...indexes);
}

/**
 * One event source mapping on a DynamoDB stream, as Lambda runs it: polls every shard of the
 * table's current stream (parents before children), applies the mapping's FilterCriteria,
 * delivers matching records in order in batches of BatchSize, retries a failed batch (from the
 * first reported failure with ReportBatchItemFailures) up to MaximumRetryAttempts, then hands
 * its coordinates to `onFailure` and moves on. The position is checkpointed after each batch.
 * BisectBatchOnFunctionError and MaximumRecordAgeInSeconds are not applied locally.
 */
export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const { mapping, api, checkpoints, log } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const iterators = new Map<string, string>();

  /** Delivers one batch until it succeeds or its attempts are spent. */
  const deliver = async (streamArn: string, shardId: string, records: StreamRecord[]): Promise<void> => {
    let batch = records;
    for (let attempt = 0; !stopped; attempt++) {
      const result = await options.invoke(mapping.functionName, { Records: batch });
      let error: LambdaErrorPayload | undefined;
      if (!result.ok) error = result.error;
      else if (mapping.reportBatchItemFailures) {
        const failed = firstReportedFailure(result.payload, batch);
        if (failed === undefined) return;
        if (failed !== 'whole-batch') batch = batch.slice(failed);
        error = {
          errorType: 'BatchItemFailure',
          errorMessage: 'the function reported failed records',
          trace: [],
        };
      } else return;
      const retries = mapping.maximumRetryAttempts;
      if (retries >= 0 && attempt >= retries) {
        options.onFailure({
          functionName: mapping.functionName,
          destination: mapping.onFailureArn ?? null,
          error,
          batch: {
            streamArn,
            shardId,
            startSequenceNumber: batch[0]!.dynamodb.SequenceNumber,
            endSequenceNumber: batch.at(-1)!.dynamodb.SequenceNumber,
            batchSize: batch.length,
          },
        });
        return;
      }
      log(`stream → ${mapping.functionName}: ${error.errorType}; retry ${attempt + 1}`);
      await sleep(retryDelay(attempt));
    }
  };

  /** Handles one page of records in order; returns once every record is delivered or filtered out. */
  const handle = async (streamArn: string, shardId: string, records: StreamRecord[]): Promise<void> => {
    let batch: StreamRecord[] = [];
    let ttlNotes: StreamRecord[] = [];
    let lastSequence: string | undefined;
    const flush = async () => {
      if (batch.length > 0) await deliver(streamArn, shardId, batch);
      if (stopped) return;
      for (const record of ttlNotes) options.deletions.take(mapping.tableName, record.dynamodb.Keys ?? {});
      if (lastSequence) checkpoints.advance(streamArn, shardId, lastSequence);
      batch = [];
      ttlNotes = [];
    };
    for (const raw of records) {
      const expiredByTtl = removedByTtl(raw, mapping.tableName, options.deletions);
      const record = asLambdaRecord(raw, { mapping, region: options.region, expiredByTtl });
      if (expiredByTtl) ttlNotes.push(raw);
      if (passesFilters(mapping.filters, record)) batch.push(record);
      lastSequence = raw.dynamodb.SequenceNumber;
      if (batch.length >= mapping.batchSize) await flush();
      if (stopped) return;
    }
    await flush();
  };

  const iteratorFor = async (
    streamArn: string,
    shard: Shard,
    fresh: boolean,
  ): Promise<string | undefined> => {
    const known = iterators.get(shard.ShardId);
    if (known) return known;
    const position = checkpoints.of(streamArn)?.shards[shard.ShardId];
    const iterator = position
      ? await api.shardIterator(streamArn, shard.ShardId, {
          type: 'AFTER_SEQUENCE_NUMBER',
          sequenceNumber: position,
        })
      : // The starting position applies to a stream the mapping has never read; later shards start at their beginning.
        await api.shardIterator(streamArn, shard.ShardId, {
          type: fresh && mapping.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        });
    if (iterator) iterators.set(shard.ShardId, iterator);
    return iterator;
  };

  // The stream and its shards are described again every few seconds, not on every poll.
  let described: { at: number; streamArn: string | undefined; shards: Shard[] } | undefined;
  const describe = async () => {
    if (described && Date.now() - described.at < DESCRIBE_EVERY_MS) return described;
    const streamArn = await api.latestStreamArn(mapping.tableName);
    described = { at: Date.now(), streamArn, shards: streamArn ? await api.shards(streamArn) : [] };
    return described;
  };

  /** One pass over the stream; true when some shard returned records (poll again at once). */
  const pollOnce = async (): Promise<boolean> => {
    const { streamArn, shards } = await describe();
    if (!streamArn) return false;
    const fresh = checkpoints.of(streamArn) === undefined;
    if (fresh) checkpoints.begin(streamArn);
    const done = checkpoints.of(streamArn)?.shards ?? {};
    let busy = false;
    for (const shard of shards) {
      if (stopped) break;
      if (done[shard.ShardId] === 'done') continue;
      if (
        shard.ParentShardId &&
        done[shard.ParentShardId] !== undefined &&
        done[shard.ParentShardId] !== 'done'
      )
        continue;
      const iterator = await iteratorFor(streamArn, shard, fresh);
      if (!iterator) continue;
      const page = await api.records(iterator);
      if (page.records.length > 0) {
        busy = true;
        await handle(streamArn, shard.ShardId, page.records);
      }
      if (stopped) break;
      if (page.next) iterators.set(shard.ShardId, page.next);
      else {
        // A closed shard: its children appear in the next description.
        iterators.delete(shard.ShardId);
        checkpoints.advance(streamArn, shard.ShardId, 'done');
        described = undefined;
      }
    }
    return busy;
  };

  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await pollOnce();
      } catch (error) {
        // An expired or trimmed iterator, or DynamoDB Local restarting: start the shards again from the checkpoint.
        iterators.clear();
        described = undefined;
        if (!stopped)
          log(`stream of ${mapping.tableName}: ${(error as Error).name}: ${(error as Error).message}`);
        await sleep(1000);
      }
      if (!busy && !stopped) await sleep(pollIntervalMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
