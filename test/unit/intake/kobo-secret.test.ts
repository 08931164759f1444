import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Every instance: the module is loaded afresh in each test, with its own client.
const dynamo = mockClient(DynamoDBDocumentClient);

// The module caches the secret it read; each test gets a fresh copy.
const loadSecret = async () => (await import('../../../functions/kobo/kobo-secret.ts')).koboSecret;

beforeEach(() => {
  vi.resetModules();
  delete process.env['KOBO_SHARED_SECRET'];
  process.env['CONFIG_TABLE'] = 'config-test';
  process.env['AWS_REGION'] ??= 'eu-west-3';
});
afterEach(() => dynamo.reset());

describe('Kobo shared secret', () => {
  it('prefers the deployment variable', async () => {
    process.env['KOBO_SHARED_SECRET'] = 'from-environment-0123456789';
    expect(await (await loadSecret())()).toBe('from-environment-0123456789');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('otherwise reads the config item once, and caches it', async () => {
    dynamo.on(GetCommand).resolves({ Item: { value: 'from-config-table-0123456789' } });
    const secret = await loadSecret();
    expect(await secret()).toBe('from-config-table-0123456789');
    expect(await secret()).toBe('from-config-table-0123456789');
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'config-test',
      Key: { pk: 'SECRET', sk: 'kobo-rest-service' },
    });
  });

  it('has no secret (so refuses everything) when none is set or it is too short to be one', async () => {
    dynamo.on(GetCommand).resolves({ Item: { value: 'short' } });
    expect(await (await loadSecret())()).toBeUndefined();
    vi.resetModules();
    dynamo.on(GetCommand).resolves({});
    expect(await (await loadSecret())()).toBeUndefined();
  });

  it('looks a missing secret up again after a few seconds, so setting it takes effect at once', async () => {
    vi.useFakeTimers();
    try {
      dynamo
        .on(GetCommand)
        .resolvesOnce({})
        .resolves({ Item: { value: 'set-by-the-operator-0123456789' } });
      const secret = await loadSecret();
      expect(await secret()).toBeUndefined();
      expect(await secret()).toBeUndefined();
      expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
      vi.advanceTimersByTime(6_000);
      expect(await secret()).toBe('set-by-the-operator-0123456789');
    } finally {
      vi.useRealTimers();
    }
  });
});
