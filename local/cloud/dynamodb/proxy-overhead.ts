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

/** Wall time and this process's CPU time (client and proxy both run here), in ms. */
async function timed(client: DynamoDBClient, concurrency: number): Promise<{ wall: number; cpu: number }> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < calls) await client.send(new GetItemCommand({ TableName, Key }));
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
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
    const totals = { direct: { wall: 0, cpu: 0 }, proxied: { wall: 0, cpu: 0 } };
    for (let round = 0; round < rounds; round++) {
      for (const [name, client] of [
        ['direct', direct],
        ['proxied', proxied],
      ] as const) {
        const { wall, cpu } = await timed(client, concurrency);
        totals[name].wall += wall;
        totals[name].cpu += cpu;
      }
    }
    const perCall = (ms: number) => ((ms * 1000) / (calls * rounds)).toFixed(0);
    const { direct: d, proxied: p } = totals;
    // The client's CPU is the same both ways: the difference is what the proxy spends.
    console.log(
      `${calls * rounds} GetItem, ${concurrency} in flight: direct ${perCall(d.wall)} µs/call, ` +
        `through the proxy ${perCall(p.wall)} µs/call (${(((p.wall - d.wall) / d.wall) * 100).toFixed(1)} %); ` +
        `proxy CPU ${perCall(p.cpu - d.cpu)} µs/call`,
    );
  }
  direct.destroy();
  proxied.destroy();
} finally {
  await proxy.stop();
  await dynamodb.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
