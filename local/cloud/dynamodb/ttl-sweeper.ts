import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableModel } from '../model/tables.ts';
import type { TtlDeletions } from './ttl-deletions.ts';

/** AWS leaves alone items whose TTL is more than five years in the past (a value in the wrong unit, usually). */
const FIVE_YEARS_SECONDS = 5 * 365 * 86_400;

export interface TtlSweep {
  tableName: string;
  deleted: number;
}

export interface TtlSweeper {
  /** Deletes every expired item of every table with TTL now; what the periodic sweep does. */
  sweep(): Promise<TtlSweep[]>;
  /** Sweeps every `intervalMs` (never two sweeps at once) until stopped. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * DynamoDB's TTL for DynamoDB Local, which stores the setting but never expires anything: an item
 * whose TTL attribute is a number of epoch seconds below the current time is deleted (AWS does it
 * within a few days, usually minutes; here every few seconds or on demand). Each delete is
 * conditional on the item still being expired, and is noted in `deletions` first so the stream
 * record it produces is stamped as the TTL service's.
 */
export function ttlSweeper(options: {
  client: DynamoDBClient;
  tables: readonly TableModel[];
  deletions: TtlDeletions;
  /** Milliseconds since the epoch: the runtime's clock (virtual in some tests). */
  now: () => number;
  log(message: string): void;
}): TtlSweeper {
  const { client, deletions } = options;
  const tables = options.tables.filter((table) => table.timeToLiveAttribute);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TtlSweep[]> | undefined;

  const sweepTable = async (table: TableModel): Promise<TtlSweep> => {
    const attribute = table.timeToLiveAttribute!;
    const keyNames = table.keySchema.map((key) => key.AttributeName);
    const nowSeconds = Math.floor(options.now() / 1000);
    const names: Record<string, string> = { '#ttl': attribute };
    keyNames.forEach((name, index) => {
      names[`#k${index}`] = name;
    });
    let deleted = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table.tableName,
          FilterExpression: '#ttl BETWEEN :oldest AND :now',
          ProjectionExpression: keyNames.map((_, index) => `#k${index}`).join(', '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':oldest': { N: String(nowSeconds - FIVE_YEARS_SECONDS) },
            ':now': { N: String(nowSeconds - 1) },
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const keys of page.Items ?? []) {
        deletions.note(table.tableName, keys);
        try {
          await client.send(
            new DeleteItemCommand({
              TableName: table.tableName,
              Key: keys,
              ConditionExpression: '#ttl < :now',
              ExpressionAttributeNames: { '#ttl': attribute },
              ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
            }),
          );
          deleted += 1;
        } catch (error) {
          deletions.forget(table.tableName, keys);
          // Rewritten with a later TTL, or deleted, since the scan: no longer ours to expire.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return { tableName: table.tableName, deleted };
  };

  const sweep = (): Promise<TtlSweep[]> => {
    // One sweep at a time: an on-demand sweep during a periodic one waits for it, then runs.
    const previous = running ?? Promise.resolve([]);
    const next = previous
      .catch(() => [])
      .then(async () => {
        const results: TtlSweep[] = [];
        for (const table of tables) results.push(await sweepTable(table));
        return results;
      });
    running = next;
    return next;
  };

  return {
    sweep,
    start(intervalMs) {
      if (timer || tables.length === 0) return;
      timer = setInterval(() => {
        sweep().catch((error: Error) => options.log(`TTL sweep: ${error.name}: ${error.message}`));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
