import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFaultInjector } from '../../../../local/cloud/lambda/faults.ts';
import { faultsEndpoint } from '../../../../local/cloud/lambda/faults-endpoint.ts';

/** Calls the endpoint as the HTTP server would, with a request and a response that stay in memory. */
async function call(
  endpoint: ReturnType<typeof faultsEndpoint>,
  method: string,
  url: string,
  body?: unknown,
) {
  const req = Object.assign(Readable.from(body === undefined ? [] : [Buffer.from(JSON.stringify(body))]), {
    method,
    url,
  }) as unknown as IncomingMessage;
  const answer = { status: 0, body: undefined as unknown };
  const res = {
    writeHead: (status: number) => {
      answer.status = status;
    },
    end: (text: string) => {
      answer.body = JSON.parse(text);
    },
  } as unknown as ServerResponse;
  await endpoint(req, res);
  return answer;
}

describe('faultsEndpoint', () => {
  it('sets a Lambda fault with the body it always took', async () => {
    const faults = createFaultInjector();
    const endpoint = faultsEndpoint(faults);
    const set = await call(endpoint, 'PUT', '/_local/faults/Stack-Fn', {
      kind: 'throw',
      errorType: 'Boom',
      times: 2,
    });
    expect(set.status).toBe(200);
    expect(faults.take('Stack-Fn')).toMatchObject({ kind: 'throw', errorType: 'Boom' });
    expect((await call(endpoint, 'GET', '/_local/faults')).body).toEqual({
      functions: [
        { functionName: 'Stack-Fn', fault: { kind: 'throw', errorType: 'Boom', times: 2 }, remaining: 1 },
      ],
      dynamodb: [],
    });
    expect((await call(endpoint, 'PUT', '/_local/faults/Stack-Fn', { kind: 'explode' })).status).toBe(400);
    expect((await call(endpoint, 'PUT', '/_local/faults/Stack-Fn', null)).status).toBe(400);
  });

  it('sets DynamoDB faults under /dynamodb, reports what is left of them, and refuses bad fields', async () => {
    const faults = createFaultInjector((name) => (name === 'Data-Registry1' ? 'RegistryTable' : undefined));
    const endpoint = faultsEndpoint(faults);
    const fault = { kind: 'throttle', table: 'RegistryTable', operations: ['PutItem'], times: 5 };
    const set = await call(endpoint, 'PUT', '/_local/faults/dynamodb', fault);
    expect(set).toEqual({ status: 200, body: { dynamodb: [{ ...fault, remaining: 5, throttled: 0 }] } });
    expect(faults.dynamodb.take('PutItem', JSON.stringify({ TableName: 'Data-Registry1' }))).toBeDefined();
    expect((await call(endpoint, 'GET', '/_local/faults/dynamodb')).body).toEqual({
      dynamodb: [{ ...fault, remaining: 4, throttled: 1 }],
    });
    const refused = await call(endpoint, 'PUT', '/_local/faults/dynamodb', { kind: 'throttle', times: -1 });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errors: [{ field: 'times' }] });
    // A refused body leaves the faults in force as they were.
    expect(faults.dynamodb.list()).toHaveLength(1);
  });

  it('clears DynamoDB faults alone, or every fault at once', async () => {
    const faults = createFaultInjector();
    const endpoint = faultsEndpoint(faults);
    await call(endpoint, 'PUT', '/_local/faults/Stack-Fn', { kind: 'throttle' });
    await call(endpoint, 'PUT', '/_local/faults/dynamodb', [{ kind: 'throttle' }]);
    await call(endpoint, 'DELETE', '/_local/faults/dynamodb');
    expect(faults.dynamodb.list()).toEqual([]);
    expect(faults.list()).toHaveLength(1);
    await call(endpoint, 'PUT', '/_local/faults/dynamodb', { kind: 'throttle' });
    expect(await call(endpoint, 'DELETE', '/_local/faults')).toEqual({
      status: 200,
      body: { cleared: 'all' },
    });
    expect(faults.list()).toEqual([]);
    expect(faults.dynamodb.list()).toEqual([]);
  });
});
