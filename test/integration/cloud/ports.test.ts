import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { LambdaRunner } from '../../../local/cloud/lambda/lambda-runner.ts';
import { claimPort, PortInUseError } from '../../../local/cloud/net/listen.ts';
import { startS3StandIn } from '../../../local/cloud/s3/s3-server.ts';
import { startLocalCloud } from '../../../local/cloud/start-local-cloud.ts';
import { startStepFunctions } from '../../../local/cloud/stepfunctions/step-functions.ts';

const fixture = inject('fixtureCloud');

describe('ports', () => {
  it('names the port and the service when a port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      await expect(claimPort(port, 'DynamoDB Local')).rejects.toBeInstanceOf(PortInUseError);
      await expect(claimPort(port, 'DynamoDB Local')).rejects.toThrow(
        new RegExp(`Port ${port} \\(DynamoDB Local\\) is already in use`),
      );
    } finally {
      holder.close();
    }
    expect(await claimPort(0, 'anything')).toBeGreaterThan(0);
  });

  it('refuses to start on a port the running cloud holds, starting nothing', async () => {
    const taken = Number(new URL(fixture.endpoints.api).port);
    const attempt = startLocalCloud({
      assemblyDir: fixture.assemblyDir,
      synth: 'never',
      dataDir: `${fixture.dataDir}-never`,
      ports: { api: taken, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 },
      log: () => undefined,
    });
    await expect(attempt).rejects.toThrow(`Port ${taken} (HTTP API) is already in use`);
    rmSync(`${fixture.dataDir}-never`, { recursive: true, force: true });
  });

  it('has the S3 stand-in and the Step Functions API refuse a port taken after it was claimed, naming it', async () => {
    // npm start claims its ports first and binds them seconds later: another process can take one
    // in between. s3rver alone then never settled (its listen error went uncaught).
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    const directory = mkdtempSync(join(tmpdir(), 's3-port-taken-'));
    try {
      await expect(
        startS3StandIn({ port, directory, buckets: [], onObjectEvent: () => undefined }),
      ).rejects.toThrow(`Port ${port} (S3) is already in use`);
      // The engine's API names its port too, and closes the store it had opened.
      const storePath = join(directory, 'engine.db');
      const engine = () =>
        startStepFunctions({
          port,
          storePath,
          region: 'us-east-1',
          accountId: '123456789012',
          runner: {} as LambdaRunner,
          endpoints: { dynamodb: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:1' },
        });
      await expect(engine()).rejects.toThrow(`Port ${port} (Step Functions) is already in use`);
      // Closed: a second attempt opens the same store again without a lock in the way.
      await expect(engine()).rejects.toThrow(PortInUseError);
    } finally {
      holder.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
