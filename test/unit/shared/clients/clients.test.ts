import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

interface Interceptable {
  middlewareStack: { add: (middleware: unknown, options: { step: 'build'; name: string }) => void };
  send: (command: never) => Promise<unknown>;
}

class Captured extends Error {
  constructor(readonly url: string) {
    super('captured');
  }
}

/** The URL a client would call, caught just before it goes on the wire. */
async function urlOf(client: unknown, command: unknown): Promise<string> {
  const target = client as Interceptable;
  target.middlewareStack.add(
    () => async (args: { request: { protocol: string; hostname: string; port?: number; path: string } }) => {
      const { protocol, hostname, port, path } = args.request;
      throw new Captured(`${protocol}//${hostname}${port ? `:${port}` : ''}${path}`);
    },
    { step: 'build', name: `capture-${Math.random()}` },
  );
  try {
    await target.send(command as never);
  } catch (error) {
    if (error instanceof Captured) return error.url;
    throw error;
  }
  throw new Error('request was not captured');
}

/**
 * The same client code reaches AWS or the local stand-ins: the SDK itself reads the
 * service-specific endpoint variables the local runtime sets. No branch in function code.
 */
describe('module-scope clients', () => {
  beforeAll(() => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', 'http://127.0.0.1:8000');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:4568');
    vi.stubEnv('AWS_ENDPOINT_URL_SFN', 'http://127.0.0.1:8083');
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('send each request to its AWS_ENDPOINT_URL_* endpoint', async () => {
    const { dynamoDbClient } = await import('#shared/clients/dynamodb.ts');
    const { sfnClient } = await import('#shared/clients/sfn.ts');
    const { s3Client } = await import('#shared/clients/s3.ts');
    const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    const { ListStateMachinesCommand } = await import('@aws-sdk/client-sfn');
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    expect(await urlOf(dynamoDbClient, new ListTablesCommand({}))).toBe('http://127.0.0.1:8000/');
    expect(await urlOf(sfnClient, new ListStateMachinesCommand({}))).toBe('http://127.0.0.1:8083/');
    expect(await urlOf(s3Client, new GetObjectCommand({ Bucket: 'uploads', Key: 'uploads/p/a.csv' }))).toBe(
      'http://127.0.0.1:4568/uploads/uploads/p/a.csv',
    );
  });

  it('give S3 path-style URLs and checksums only when required, everywhere', async () => {
    const { s3Client } = await import('#shared/clients/s3.ts');
    expect(s3Client.config.forcePathStyle).toBe(true);
    expect(await s3Client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
  });

  it('are created once per container', async () => {
    const first = await import('#shared/clients/dynamodb.ts');
    const second = await import('#shared/clients/dynamodb.ts');
    expect(first.documentClient).toBe(second.documentClient);
  });
});
