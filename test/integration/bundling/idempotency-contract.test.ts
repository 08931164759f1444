/**
 * Powertools idempotency as the Lambda bundles carry it (the stand-in in
 * infra/constructs/bundling/powertools-idempotency over the small DynamoDB client, built with the
 * bundles' esbuild aliases) against the real package over the SDK, on DynamoDB Local: two
 * idempotency tables, the same calls on each; results, errors and the stored records must match.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUNDLE_ALIASES } from '../../../infra/constructs/bundling/aliases.ts';

const cloud = inject('fixtureCloud');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clientConfig = { endpoint: cloud.endpoints.dynamodb, region: cloud.endpoints.region, credentials };
const run = Date.now().toString(36);
type Side = 'powertools' | 'bundled';
const tables: Record<Side, string> = { powertools: `idem-real-${run}`, bundled: `idem-bundled-${run}` };
const sdk = new DynamoDBClient(clientConfig);

// biome-ignore lint/suspicious/noExplicitAny: both packages seen through the surface run-once.ts uses.
type Loose = any;
interface Package {
  IdempotencyConfig: Loose;
  makeIdempotent: Loose;
  DynamoDBPersistenceLayer: Loose;
  client: Loose;
}
const packages = {} as Record<Side, Package>;
const scratch = mkdtempSync(join(tmpdir(), 'idempotency-contract-'));

const lambdaContext = { getRemainingTimeInMillis: () => 10_000, awsRequestId: 'r-1' } as unknown as Context;

/** run-once.ts's wrapper, on one side: the envelope is hashed, `work` runs once per key. */
function runOnce(side: Side, options: { expiresAfterSeconds?: number } = {}) {
  const p = packages[side];
  const config = new p.IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'request',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? 86_400,
  });
  const idempotent = p.makeIdempotent(async (_envelope: unknown, work: () => Promise<unknown>) => work(), {
    persistenceStore: new p.DynamoDBPersistenceLayer({ tableName: tables[side], awsSdkV3Client: p.client }),
    config,
    keyPrefix: 'POST /sites/{siteId}/stock/receipts',
    dataIndexArgument: 0,
  });
  return async (key: string, request: unknown, work: () => Promise<unknown>) => {
    config.registerLambdaContext(lambdaContext);
    try {
      return { result: await idempotent({ key, request }, work) };
    } catch (error) {
      const { name, message, cause } = error as Error;
      return { error: { name, message, cause: cause instanceof Error ? cause.name : undefined } };
    }
  };
}

/** The stored record, its clock-dependent numbers as offsets from now (seconds, and ms for in-progress). */
async function storedRecord(side: Side, key: string) {
  const { Item } = await sdk.send(
    new GetItemCommand({ TableName: tables[side], Key: marshall({ id: key }), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { expiration, in_progress_expiration, ...rest } = unmarshall(Item);
  return {
    ...rest,
    expiresInHours: Math.round((expiration - Date.now() / 1000) / 3600),
    inProgressExpiry: in_progress_expiration === undefined ? undefined : typeof in_progress_expiration,
  };
}

async function keysIn(side: Side): Promise<string[]> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const { Items = [] } = await sdk.send(new ScanCommand({ TableName: tables[side], ConsistentRead: true }));
  return Items.map((item) => String(unmarshall(item)['id'])).sort();
}

/** Runs the same steps on both sides, then compares what each returned and stored. */
async function both(steps: (side: Side) => Promise<unknown[]>) {
  const outcomes = { powertools: await steps('powertools'), bundled: await steps('bundled') };
  expect(outcomes.bundled).toEqual(outcomes.powertools);
  const keys = { powertools: await keysIn('powertools'), bundled: await keysIn('bundled') };
  expect(keys.bundled).toEqual(keys.powertools);
  for (const key of keys.powertools)
    expect(await storedRecord('bundled', key)).toEqual(await storedRecord('powertools', key));
  return outcomes.powertools;
}

beforeAll(async () => {
  for (const TableName of Object.values(tables)) {
    await sdk.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
  }
  // The bundled side exactly as a Lambda bundle resolves it: the stand-ins through the aliases.
  const entry = join(scratch, 'entry.mjs');
  const outfile = join(scratch, 'bundled.mjs');
  await build({
    stdin: {
      contents: `export { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
export { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
export { DynamoDBClient } from '@aws-sdk/client-dynamodb';`,
      resolveDir: fileURLToPath(new URL('../../../', import.meta.url)),
      sourcefile: entry,
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    alias: BUNDLE_ALIASES,
    outfile,
    logLevel: 'silent',
  });
  const bundled = await import(pathToFileURL(outfile).href);
  packages.bundled = { ...bundled, client: new bundled.DynamoDBClient(clientConfig) };
  packages.powertools = { IdempotencyConfig, makeIdempotent, DynamoDBPersistenceLayer, client: sdk };
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bundled idempotency against Powertools on DynamoDB Local', () => {
  it('runs the work once per key and answers repeats from the stored record', async () => {
    const outcomes = await both(async (side) => {
      const once = runOnce(side);
      let runs = 0;
      const work = async () => ({ statusCode: 201, body: `run ${++runs}` });
      const request = { siteId: 'S1', kits: [{ type: 'FOOD', count: 3 }] };
      return [
        await once('receipt-1', request, work),
        await once('receipt-1', { kits: [{ count: 3, type: 'FOOD' }], siteId: 'S1' }, work),
        await once('receipt-1', { siteId: 'S1', kits: [] }, work),
        await once('receipt-2', null, work),
        runs,
      ];
    });
    expect(outcomes[0]).toEqual({ result: { statusCode: 201, body: 'run 1' } });
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toMatchObject({ error: { name: 'IdempotencyValidationError' } });
  });

  it('refuses a key whose first request is still running, and frees it when the work fails', async () => {
    const outcomes = await both(async (side) => {
      const once = runOnce(side);
      let release: () => void = () => undefined;
      const first = once('slow', { n: 1 }, () => new Promise((resolve) => (release = () => resolve('done'))));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = await once('slow', { n: 1 }, async () => 'second');
      release();
      const failing = await once('failing', { n: 2 }, async () => {
        throw new RangeError('work failed');
      });
      const retried = await once('failing', { n: 2 }, async () => 'after the failure');
      return [second, await first, failing, retried];
    });
    expect(outcomes).toEqual([
      { error: expect.objectContaining({ name: 'IdempotencyAlreadyInProgressError' }) },
      { result: 'done' },
      { error: { name: 'RangeError', message: 'work failed', cause: undefined } },
      { result: 'after the failure' },
    ]);
  });

  it('claims a key again when its record expired or its in-progress claim lapsed', async () => {
    const outcomes = await both(async (side) => {
      const once = runOnce(side);
      /** Runs a first request, then rewrites its record as an earlier attempt could have left it. */
      const leaveBehind = async (key: string, record: Record<string, unknown>) => {
        const before = new Set(await keysIn(side));
        const first = await once(key, { key }, async () => `first ${key}`);
        const [id] = (await keysIn(side)).filter((existing) => !before.has(existing));
        const { Item } = await sdk.send(
          new GetItemCommand({ TableName: tables[side], Key: marshall({ id }), ConsistentRead: true }),
        );
        const kept = unmarshall(Item ?? {});
        await sdk.send(
          new PutItemCommand({ TableName: tables[side], Item: marshall({ ...kept, ...record }) }),
        );
        return first;
      };
      const nowSeconds = Math.floor(Date.now() / 1000);
      return [
        await leaveBehind('expired', { status: 'COMPLETED', expiration: nowSeconds - 60, data: 'stale' }),
        await once('expired', { key: 'expired' }, async () => 'claimed after expiry'),
        await leaveBehind('stuck', {
          status: 'INPROGRESS',
          expiration: nowSeconds + 3600,
          in_progress_expiration: Date.now() - 1000,
        }),
        await once('stuck', { key: 'stuck' }, async () => 'claimed after a lapsed claim'),
        await leaveBehind('running', {
          status: 'INPROGRESS',
          expiration: nowSeconds + 3600,
          in_progress_expiration: Date.now() + 60_000,
        }),
        await once('running', { key: 'running' }, async () => 'must not run'),
      ];
    });
    expect(outcomes).toEqual([
      { result: 'first expired' },
      { result: 'claimed after expiry' },
      { result: 'first stuck' },
      { result: 'claimed after a lapsed claim' },
      { result: 'first running' },
      { error: expect.objectContaining({ name: 'IdempotencyAlreadyInProgressError' }) },
    ]);
  });
});
