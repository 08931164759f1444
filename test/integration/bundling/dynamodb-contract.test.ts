/**
 * The small DynamoDB client that the Lambda bundles carry instead of the SDK
 * (infra/constructs/bundling) against the real SDK, on DynamoDB Local: two identical tables, the
 * same operations on each, one client per table; results and errors must be the same.
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import * as small from '../../../infra/constructs/bundling/dynamodb-client.ts';
import * as smallDocument from '../../../infra/constructs/bundling/dynamodb-document-client.ts';
import { comparableError, comparableOutput, type Side } from './compare.ts';

const cloud = inject('fixtureCloud');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const config = { endpoint: cloud.endpoints.dynamodb, region: cloud.endpoints.region, credentials };
const run = Date.now().toString(36);
const tables: Record<Side, string> = { sdk: `contract-sdk-${run}`, small: `contract-small-${run}` };

const sdkLow = new DynamoDBClient(config);
const COMMANDS = [
  'BatchGetCommand',
  'BatchWriteCommand',
  'DeleteCommand',
  'GetCommand',
  'PutCommand',
  'QueryCommand',
  'ScanCommand',
  'TransactWriteCommand',
  'UpdateCommand',
] as const;

/** Both sides seen through one loose shape: the point is running the same calls on each. */
// biome-ignore lint/suspicious/noExplicitAny: the two clients share a wire contract, not a type.
type Loose = any;
interface SideClients {
  low: { send(command: Loose): Promise<Loose> };
  document: { send(command: Loose): Promise<Loose> };
  commands: Record<(typeof COMMANDS)[number], new (input: Loose) => Loose>;
  PutItemCommand: new (input: Loose) => Loose;
}
const clients: Record<Side, SideClients> = {
  sdk: {
    low: sdkLow,
    document: DynamoDBDocumentClient.from(sdkLow, { marshallOptions: { removeUndefinedValues: true } }),
    commands: {
      BatchGetCommand,
      BatchWriteCommand,
      DeleteCommand,
      GetCommand,
      PutCommand,
      QueryCommand,
      ScanCommand,
      TransactWriteCommand,
      UpdateCommand,
    },
    PutItemCommand,
  },
  small: {
    low: new small.DynamoDBClient(config),
    document: smallDocument.DynamoDBDocumentClient.from(new small.DynamoDBClient(config), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    commands: smallDocument as Loose,
    PutItemCommand: small.PutItemCommand,
  },
};

type Operation = (side: SideClients, table: string) => Promise<Loose>;

/** Runs an operation on both sides; same result, or same error. */
async function both(operation: Operation) {
  const outcome = async (side: Side) => {
    try {
      return { ok: comparableOutput(await operation(clients[side], tables[side]), tables[side]) };
    } catch (error) {
      return { error: comparableError(error, tables[side]) };
    }
  };
  const [sdk, smallOutcome] = [await outcome('sdk'), await outcome('small')];
  expect(smallOutcome).toEqual(sdk);
  return sdk;
}

beforeAll(async () => {
  for (const TableName of Object.values(tables)) {
    await sdkLow.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  }
});

describe('small DynamoDB client against the SDK', () => {
  it('puts, gets and updates items with every kind of value', async () => {
    const item = {
      pk: 'H#1',
      sk: 'PROFILE',
      name: 'Awa',
      size: 5,
      ratio: 0.25,
      big: 2 ** 40,
      active: true,
      none: null,
      gone: undefined,
      tags: ['a', 'b'],
      nested: { members: [{ age: 3 }, { age: 40 }], note: '' },
      codes: new Set(['x', 'y']),
      counts: new Set([1, 2]),
      blob: new Uint8Array([0, 1, 254, 255]),
    };
    await both((c, TableName) => c.document.send(new c.commands.PutCommand({ TableName, Item: item })));
    const got = await both((c, TableName) =>
      c.document.send(
        new c.commands.GetCommand({ TableName, Key: { pk: 'H#1', sk: 'PROFILE' }, ConsistentRead: true }),
      ),
    );
    expect((got.ok as { Item?: { name?: string } }).Item?.name).toBe('Awa');
    await both((c, TableName) =>
      c.document.send(
        new c.commands.UpdateCommand({
          TableName,
          Key: { pk: 'H#1', sk: 'PROFILE' },
          UpdateExpression: 'SET #size = #size + :one, #tags = list_append(#tags, :more) REMOVE #none',
          ExpressionAttributeNames: { '#size': 'size', '#tags': 'tags', '#none': 'none' },
          ExpressionAttributeValues: { ':one': 1, ':more': ['c'] },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    await both((c, TableName) =>
      c.document.send(new c.commands.GetCommand({ TableName, Key: { pk: 'H#404', sk: 'PROFILE' } })),
    );
  });

  it('queries with pages and scans', async () => {
    for (let index = 0; index < 5; index++) {
      await both((c, TableName) =>
        c.document.send(
          new c.commands.PutCommand({ TableName, Item: { pk: 'LIST', sk: `ITEM#${index}`, index } }),
        ),
      );
    }
    const first = await both((c, TableName) =>
      c.document.send(
        new c.commands.QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': 'LIST', ':prefix': 'ITEM#' },
          Limit: 2,
          ScanIndexForward: false,
        }),
      ),
    );
    const start = (first.ok as { LastEvaluatedKey?: Record<string, unknown> }).LastEvaluatedKey;
    expect(start).toBeDefined();
    await both((c, TableName) =>
      c.document.send(
        new c.commands.QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExclusiveStartKey: start,
          FilterExpression: '#index > :one',
          ExpressionAttributeNames: { '#index': 'index' },
          ExpressionAttributeValues: { ':pk': 'LIST', ':one': 1 },
        }),
      ),
    );
    await both((c, TableName) => c.document.send(new c.commands.ScanCommand({ TableName, Select: 'COUNT' })));
  });

  it('batch writes and batch gets', async () => {
    await both((c, TableName) =>
      c.document.send(
        new c.commands.BatchWriteCommand({
          RequestItems: {
            [TableName]: [
              { PutRequest: { Item: { pk: 'B#1', sk: 'X', v: 1 } } },
              { PutRequest: { Item: { pk: 'B#2', sk: 'X', v: 2 } } },
              { DeleteRequest: { Key: { pk: 'LIST', sk: 'ITEM#0' } } },
            ],
          },
        }),
      ),
    );
    await both(async (c, TableName) => {
      const output = await c.document.send(
        new c.commands.BatchGetCommand({
          RequestItems: {
            [TableName]: {
              Keys: [
                { pk: 'B#1', sk: 'X' },
                { pk: 'B#2', sk: 'X' },
                { pk: 'B#3', sk: 'X' },
              ],
            },
          },
        }),
      );
      // DynamoDB answers a batch in no set order.
      output.Responses[TableName].sort((a: { pk: string }, b: { pk: string }) => a.pk.localeCompare(b.pk));
      return output;
    });
  });

  it('refuses a failed condition with the same error, old item included', async () => {
    const error = await both((c, TableName) =>
      c.document.send(
        new c.commands.PutCommand({
          TableName,
          Item: { pk: 'B#1', sk: 'X', v: 9 },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect((error.error as { name?: string }).name).toBe('ConditionalCheckFailedException');
    await both((c, TableName) =>
      c.document.send(
        new c.commands.DeleteCommand({
          TableName,
          Key: { pk: 'B#2', sk: 'X' },
          ConditionExpression: 'v = :v',
          ExpressionAttributeValues: { ':v': 7 },
        }),
      ),
    );
  });

  it('cancels a transaction with the same reasons', async () => {
    const transaction = (TableName: string) => ({
      TransactItems: [
        {
          Put: {
            TableName,
            Item: { pk: 'T#1', sk: 'X', v: 1 },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName,
            Key: { pk: 'B#1', sk: 'X' },
            UpdateExpression: 'SET v = :v',
            ConditionExpression: 'v = :expected',
            ExpressionAttributeValues: { ':v': 5, ':expected': 100 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });
    const error = await both((c, TableName) =>
      c.document.send(new c.commands.TransactWriteCommand(transaction(TableName) as never)),
    );
    expect((error.error as { CancellationReasons?: unknown[] }).CancellationReasons).toHaveLength(2);
    await both((c, TableName) =>
      c.document.send(
        new c.commands.TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: 'T#2', sk: 'X' } } },
            {
              ConditionCheck: {
                TableName,
                Key: { pk: 'B#1', sk: 'X' },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      ),
    );
  });

  it('answers validation errors and a missing table the same way', async () => {
    await both((c, TableName) =>
      c.document.send(new c.commands.GetCommand({ TableName, Key: { pk: 'only-half' } })),
    );
    await both((c) =>
      c.document.send(new c.commands.GetCommand({ TableName: 'no-such-table', Key: { pk: 'a', sk: 'b' } })),
    );
  });

  it('serves the low-level commands Powertools idempotency sends', async () => {
    const put = (c: SideClients, TableName: string) =>
      c.low.send(
        new c.PutItemCommand({
          TableName,
          Item: { pk: { S: 'I#1' }, sk: { S: 'X' }, status: { S: 'INPROGRESS' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    await both(put as Operation);
    const repeat = await both(put as Operation);
    expect((repeat.error as { Item?: unknown }).Item).toEqual({
      pk: { S: 'I#1' },
      sk: { S: 'X' },
      status: { S: 'INPROGRESS' },
    });
  });

  it('is an instance of the exception class Powertools checks', async () => {
    await clients.small.low.send(
      new small.PutItemCommand({ TableName: tables.small, Item: { pk: { S: 'C#1' }, sk: { S: 'X' } } }),
    );
    const error = await clients.small.low
      .send(
        new small.PutItemCommand({
          TableName: tables.small,
          Item: { pk: { S: 'C#1' }, sk: { S: 'X' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(small.ConditionalCheckFailedException);
    expect(error).toBeInstanceOf(Error);
  });
});
