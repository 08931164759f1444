/**
 * Asynchronous deliveries survive the runtime: an S3 notification whose retry is pending when the
 * local cloud stops, and one whose function is running when the runtime is SIGKILLed, are both
 * delivered by the next start on the same data (`.local/async-invocations.db`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { LocalEndpoints } from '../../../local/cloud/endpoints-file.ts';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/start-local-cloud.ts';
import { cloudClients, eventually } from './cloud-clients.ts';
import { dynamoDbLocalsUsing } from './java-processes.ts';

const fixture = inject('fixtureCloud');
const onUpload = 'FixtureService-OnUpload071E41C7';
const Bucket = fixture.bucketNames[0]!;
const TableName = fixture.tableNames[0]!;
const allFree = { api: 0, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 };
const directories: string[] = [];
let running: LocalCloud | undefined;
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await running?.stop();
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-cloud-durable-'));
  directories.push(dir);
  return dir;
}

function start(dataDir: string, logged: string[], asyncRetryDelaysMs: number[]) {
  return startLocalCloud({
    assemblyDir: fixture.assemblyDir,
    synth: 'never',
    dataDir,
    ports: allFree,
    asyncRetryDelaysMs,
    log: (message) => logged.push(message),
  });
}

/** The fixture's upload handler counts deliveries per key. */
async function deliveries(endpoints: LocalEndpoints, key: string): Promise<number | undefined> {
  const { dynamodb } = cloudClients(endpoints);
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName,
      Key: { pk: { S: `upload#${key}` }, sk: { S: 'deliveries' } },
      ConsistentRead: true,
    }),
  );
  dynamodb.destroy();
  return Item ? Number(Item.deliveries!.N) : undefined;
}

async function put(endpoints: LocalEndpoints, key: string) {
  const { s3 } = cloudClients(endpoints);
  await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: 'a,b\n' }));
  s3.destroy();
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('durable asynchronous deliveries', () => {
  it('keeps a notification whose retry is pending at stop, and the next start delivers it once', async () => {
    const dataDir = freshDataDir();
    const logged: string[] = [];
    // The retry would come in ten minutes: stop must not wait for it, nor lose the event.
    running = await start(dataDir, logged, [600_000]);
    running.faults.set(onUpload, { kind: 'throw', errorType: 'Injected', times: 1 });
    await put(running.endpoints, 'uploads/pending-at-stop.csv');
    await eventually(async () => (logged.some((line) => line.includes('(attempt 1)')) ? true : undefined));
    const stopping = Date.now();
    await running.stop();
    running = undefined;
    expect(Date.now() - stopping).toBeLessThan(30_000);

    running = await start(dataDir, logged, [200, 400]);
    expect(logged).toContain('resuming 1 asynchronous delivery left by the last run');
    const endpoints = running.endpoints;
    await eventually(() => deliveries(endpoints, 'uploads/pending-at-stop.csv'));
    await settle();
    expect(await deliveries(endpoints, 'uploads/pending-at-stop.csv')).toBe(1);
    await running.stop();
    running = undefined;
  });

  it('delivers after a restart the notification and the Event invocation running when the runtime was SIGKILLed', async () => {
    const dataDir = freshDataDir();
    const args = ['local/cloud/start.ts', '--assembly', fixture.assemblyDir, '--synth', 'never'];
    args.push('--data-dir', dataDir);
    for (const flag of ['--api-port', '--identity-port', '--dynamodb-port', '--s3-port', '--sfn-port'])
      args.push(flag, '0');
    // As `npm start` runs it: the project's Node 24, TypeScript as it is.
    child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child!.once('exit', (_code, signal) => resolve(signal)),
    );
    const endpointsFile = join(dataDir, 'endpoints.json');
    const endpoints: LocalEndpoints = await eventually(async () =>
      existsSync(endpointsFile) ? JSON.parse(readFileSync(endpointsFile, 'utf8')) : undefined,
    );
    // Both invocations hang (a timeout fault ten minutes long): the kill comes mid-delivery.
    const faults = `${endpoints.api}/_local/faults/${onUpload}`;
    const set = await fetch(faults, {
      method: 'PUT',
      body: JSON.stringify({ kind: 'timeout', afterMs: 600_000, times: 2 }),
    });
    expect(set.status).toBe(200);
    await put(endpoints, 'uploads/killed-mid-delivery.csv');
    const invoked = await fetch(`${endpoints.lambda}/2015-03-31/functions/${onUpload}/invocations`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: JSON.stringify({ Records: [{ s3: { object: { key: 'uploads/invoked-as-event.csv' } } }] }),
    });
    expect(invoked.status).toBe(202);
    // The fault is consumed as each invocation takes it: both deliveries are then running.
    await eventually(async () => {
      const { functions } = (await (await fetch(faults)).json()) as { functions: unknown[] };
      return functions.length === 0 ? true : undefined;
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Its DynamoDB Local exits once its guard sees the runtime gone; the next one uses the same files.
    await eventually(async () => ((await dynamoDbLocalsUsing(dataDir)) === 0 ? true : undefined));

    const logged: string[] = [];
    running = await start(dataDir, logged, [200, 400]);
    expect(logged).toContain('resuming 2 asynchronous deliveries left by the last run');
    const restarted = running.endpoints;
    await eventually(() => deliveries(restarted, 'uploads/killed-mid-delivery.csv'));
    await eventually(() => deliveries(restarted, 'uploads/invoked-as-event.csv'));
    await settle();
    expect(await deliveries(restarted, 'uploads/killed-mid-delivery.csv')).toBe(1);
    expect(await deliveries(restarted, 'uploads/invoked-as-event.csv')).toBe(1);
  });
});
