import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ttlDeletions } from '../../../../local/cloud/dynamodb/ttl-deletions.ts';
import { ttlSweeper } from '../../../../local/cloud/dynamodb/ttl-sweeper.ts';
import type { TableModel } from '../../../../local/cloud/model/tables.ts';

const client = new DynamoDBClient({
  region: 'eu-west-3',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
const dynamo = mockClient(client);
afterEach(() => dynamo.reset());

const table = (tableName: string, timeToLiveAttribute?: string): TableModel => ({
  logicalId: tableName,
  stackName: 'Data',
  tableName,
  attributeDefinitions: [],
  keySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  globalSecondaryIndexes: [],
  localSecondaryIndexes: [],
  ...(timeToLiveAttribute ? { timeToLiveAttribute } : {}),
});
const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'RETENTION' } });

function sweeperWith(tables: TableModel[], deletions = ttlDeletions()) {
  return {
    deletions,
    sweeper: ttlSweeper({ client, tables, deletions, now: () => NOW, log: () => undefined }),
  };
}

describe('ttlSweeper', () => {
  it('deletes the expired items of each table with TTL, keys only, and notes each deletion first', async () => {
    dynamo
      .on(ScanCommand)
      .resolvesOnce({ Items: [key('CASE#1')], LastEvaluatedKey: key('CASE#1') })
      .resolves({
        Items: [key('CASE#2')],
      });
    dynamo.on(DeleteItemCommand).resolves({});
    const { sweeper, deletions } = sweeperWith([table('protection', 'expiration'), table('config')]);
    expect(await sweeper.sweep()).toEqual([{ tableName: 'protection', deleted: 2 }]);

    const scans = dynamo.commandCalls(ScanCommand).map((c) => c.args[0].input);
    expect(scans).toHaveLength(2);
    expect(scans[0]).toMatchObject({
      TableName: 'protection',
      FilterExpression: '#ttl BETWEEN :oldest AND :now',
      ProjectionExpression: '#k0, #k1',
      ExpressionAttributeNames: { '#ttl': 'expiration', '#k0': 'pk', '#k1': 'sk' },
      // Strictly before now; AWS ignores values more than five years old (a wrong unit, usually).
      ExpressionAttributeValues: {
        ':now': { N: String(NOW / 1000 - 1) },
        ':oldest': { N: String(NOW / 1000 - 5 * 365 * 86_400) },
      },
    });
    expect(scans[1]?.ExclusiveStartKey).toEqual(key('CASE#1'));
    const deletes = dynamo.commandCalls(DeleteItemCommand).map((c) => c.args[0].input);
    expect(deletes.map((d) => d.Key)).toEqual([key('CASE#1'), key('CASE#2')]);
    expect(deletes[0]).toMatchObject({
      ConditionExpression: '#ttl < :now',
      ExpressionAttributeValues: { ':now': { N: String(NOW / 1000) } },
    });
    expect(deletions.has('protection', key('CASE#1'))).toBe(true);
    expect(deletions.has('protection', key('CASE#2'))).toBe(true);
  });

  it('leaves an item rewritten with a later TTL since the scan, and forgets its note', async () => {
    dynamo.on(ScanCommand).resolves({ Items: [key('CASE#1')] });
    dynamo
      .on(DeleteItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'condition', $metadata: {} }));
    const { sweeper, deletions } = sweeperWith([table('protection', 'expiration')]);
    expect(await sweeper.sweep()).toEqual([{ tableName: 'protection', deleted: 0 }]);
    expect(deletions.has('protection', key('CASE#1'))).toBe(false);
  });

  it('does nothing without a table that has TTL', async () => {
    const { sweeper } = sweeperWith([table('config')]);
    expect(await sweeper.sweep()).toEqual([]);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('runs one sweep at a time: an on-demand sweep waits for the one in progress', async () => {
    let scans = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    dynamo.on(ScanCommand).callsFake(async () => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      scans += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      concurrent -= 1;
      return { Items: [] };
    });
    const { sweeper } = sweeperWith([table('protection', 'expiration')]);
    await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    expect(scans).toBe(3);
    expect(maxConcurrent).toBe(1);
  });
});
