import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { claimPort } from '../../../local/cloud/net/listen.ts';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/start-local-cloud.ts';
import { cloudClients, eventually, tokenFor } from './cloud-clients.ts';

const fixture = inject('fixtureCloud');
const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-restart-'));
// Tokens name their issuer by URL, port included: like `npm start`, both runs use the same identity port.
// Picked below the ephemeral range (32768 and up on Linux): a port 0 elsewhere (the other test
// files' servers, running alongside) cannot be handed this one between the two runs.
const identityPort = await freePortBelowEphemeralRange();

async function freePortBelowEphemeralRange(): Promise<number> {
  for (;;) {
    const port = randomInt(20_000, 30_000);
    const free = await claimPort(port, 'identity provider').catch(() => undefined);
    if (free !== undefined) return free;
  }
}
const ports = { api: 0, identity: identityPort, dynamodb: 0, s3: 0, stepfunctions: 0 };
const start = () =>
  startLocalCloud({ assemblyDir: fixture.assemblyDir, synth: 'never', dataDir, ports, log: () => undefined });

let running: LocalCloud | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local cloud restart', () => {
  it('keeps tables, objects, executions and identity keys across stop and start', async () => {
    running = await start();
    const TableName = running.model.tables[0]!.tableName;
    const Bucket = running.model.buckets[0]!.bucketName;
    const stateMachineArn = running.model.stateMachines[0]!.arn;
    let clients = cloudClients(running.endpoints);
    await clients.dynamodb.send(
      new PutItemCommand({ TableName, Item: { pk: { S: 'kept' }, sk: { S: 'v1' } } }),
    );
    await clients.s3.send(new PutObjectCommand({ Bucket, Key: 'kept/object.txt', Body: 'still here' }));
    const { executionArn } = await clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'before-restart', input: '{"n":1}' }),
    );
    await eventually(async () => {
      const { status } = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return status === 'RUNNING' ? undefined : status;
    });
    const token = await tokenFor(dataDir, { role: 'caseworker' });
    await running.stop();

    running = await start();
    clients = cloudClients(running.endpoints);
    const item = await clients.dynamodb.send(
      new GetItemCommand({ TableName, Key: { pk: { S: 'kept' }, sk: { S: 'v1' } } }),
    );
    expect(item.Item?.pk?.S).toBe('kept');
    const object = await clients.s3.send(new GetObjectCommand({ Bucket, Key: 'kept/object.txt' }));
    expect(await object.Body!.transformToString()).toBe('still here');
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    const { executions } = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(executions?.map((e) => e.name)).toContain('before-restart');
    const response = await fetch(`${running.endpoints.api}/items/after`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });
});
