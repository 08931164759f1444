/**
 * What the DynamoDB fault proxy costs: the same GetItem calls straight to DynamoDB Local and
 * through the proxy (no fault set), one at a time and 16 at once, rounds interleaved so machine
 * load falls on both alike. `npx tsx local/cloud/dynamodb/proxy-overhead.ts [calls per round]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { claimPort } from '../net/listen.ts';
import { createDynamoDbClient } from './dynamodb-client.ts';
import { createDynamoDbFaults } from './dynamodb-faults.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startDynamoDbProxy } from './dynamodb-proxy.ts';

const calls = Number(process.argv[2] ?? 1000);
const rounds = 3;
const TableName = 'overhead';
const Key = { pk: { S: 'item' } };

async function timed(client: DynamoDBClient, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < calls) await client.send(new GetItemCommand({ TableName, Key }));
    }),
  );
  return performance.now() - started;
}

const dataDir = mkdtempSync(join(tmpdir(), 'proxy-overhead-'));
const dynamodb = startDynamoDbLocal({ port: await claimPort(0, 'DynamoDB Local'), dataDir });
const proxy = await startDynamoDbProxy({
  target: dynamodb.endpoint,
  faults: createDynamoDbFaults(),
  region: 'us-east-1',
  account: '123456789012',
});
try {
  await dynamodb.ready;
  const direct = createDynamoDbClient(dynamodb.endpoint, 'us-east-1');
  const proxied = createDynamoDbClient(proxy.url, 'us-east-1');
  await direct.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await direct.send(new PutItemCommand({ TableName, Item: { ...Key, payload: { S: 'x'.repeat(400) } } }));
  for (const concurrency of [1, 16]) {
    await timed(direct, concurrency); // warm-up: JIT on both sides, sockets open
    await timed(proxied, concurrency);
    const totals = { direct: 0, proxied: 0 };
    for (let round = 0; round < rounds; round++) {
      totals.direct += await timed(direct, concurrency);
      totals.proxied += await timed(proxied, concurrency);
    }
    const perCall = (ms: number) => (ms * 1000) / (calls * rounds);
    console.log(
      `${calls * rounds} GetItem, ${concurrency} in flight: direct ${perCall(totals.direct).toFixed(0)} µs/call, ` +
        `through the proxy ${perCall(totals.proxied).toFixed(0)} µs/call ` +
        `(${(((totals.proxied - totals.direct) / totals.direct) * 100).toFixed(1)} %)`,
    );
  }
  direct.destroy();
  proxied.destroy();
} finally {
  await proxy.stop();
  await dynamodb.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
