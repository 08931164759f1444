import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { JavaMissingError, startDynamoDbLocal } from '../../../local/cloud/dynamodb/dynamodb-local.ts';
import { claimPort, PortInUseError } from '../../../local/cloud/net/listen.ts';

describe('start-up checks', () => {
  it('names the port and the service when a port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const claim = claimPort(port, 'DynamoDB Local');
      await expect(claim).rejects.toBeInstanceOf(PortInUseError);
      await expect(claimPort(port, 'DynamoDB Local')).rejects.toThrow(
        new RegExp(`Port ${port} \\(DynamoDB Local\\) is already in use`),
      );
    } finally {
      holder.close();
    }
    expect(await claimPort(0, 'anything')).toBeGreaterThan(0);
  });

  it('asks for Java 17 when java is not on PATH', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => startDynamoDbLocal({ port: 0, dataDir: '/tmp/never-used' })).toThrow(JavaMissingError);
      expect(() => startDynamoDbLocal({ port: 0, dataDir: '/tmp/never-used' })).toThrow(
        /apt-get install openjdk-17-jre-headless/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
