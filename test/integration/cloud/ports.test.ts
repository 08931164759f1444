import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { claimPort, PortInUseError } from '../../../local/cloud/net/listen.ts';
import { startLocalCloud } from '../../../local/cloud/start-local-cloud.ts';

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
});
