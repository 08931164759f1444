import { Readable } from 'node:stream';
import { DynamoDBClient as SdkDynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient as SdkDocumentClient,
  PutCommand as SdkPutCommand,
  TransactWriteCommand as SdkTransactWriteCommand,
  UpdateCommand as SdkUpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  TransactionCanceledException,
} from '../../../infra/constructs/bundling/dynamodb-client.ts';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '../../../infra/constructs/bundling/dynamodb-document-client.ts';
import { credentials, fakeFetch, recordingSleep } from './fake-fetch.ts';

const region = 'eu-west-1';

/** The JSON body the real SDK would send for a document command (its HTTP handler intercepted). */
async function sdkBody(command: object): Promise<unknown> {
  let body = '';
  const low = new SdkDynamoDBClient({
    region,
    credentials,
    requestHandler: {
      handle: async (request: { body?: string | Uint8Array }) => {
        body = typeof request.body === 'string' ? request.body : Buffer.from(request.body ?? []).toString();
        return { response: { statusCode: 200, headers: {}, body: Readable.from([Buffer.from('{}')]) } };
      },
    } as never,
  });
  const client = SdkDocumentClient.from(low, { marshallOptions: { removeUndefinedValues: true } });
  await client.send(command as never);
  return JSON.parse(body);
}

async function smallBody(command: object): Promise<unknown> {
  const { fetch, requests } = fakeFetch([{ status: 200, body: '{}' }]);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region, credentials, fetch }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  await client.send(command as never);
  return JSON.parse(requests[0]!.body);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('small DynamoDB client: requests', () => {
  it('sends the JSON protocol, signed, to the regional endpoint', async () => {
    const { fetch, requests } = fakeFetch([{ status: 200, body: '{"Item":{"pk":{"S":"a"}}}' }]);
    const client = new DynamoDBClient({ region, credentials, fetch });
    const output = await client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('https://dynamodb.eu-west-1.amazonaws.com/');
    expect(request!.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request!.headers['x-amz-security-token']).toBe('token');
    expect(request!.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    expect(output).toMatchObject({
      Item: { pk: { S: 'a' } },
      $metadata: { httpStatusCode: 200, attempts: 1 },
    });
  });

  it('takes the endpoint and credentials from the environment, as Lambda and the local cloud set them', async () => {
    vi.stubEnv('AWS_REGION', 'af-south-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ENVKEY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'envsecret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9999');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', 'http://127.0.0.1:8000/');
    const { fetch, requests } = fakeFetch([{ status: 200 }, { status: 200 }]);
    await new DynamoDBClient({ fetch }).send(new GetItemCommand({ TableName: 't', Key: {} }));
    expect(requests[0]!.url).toBe('http://127.0.0.1:8000/');
    expect(requests[0]!.headers['authorization']).toContain('Credential=ENVKEY/');
    expect(requests[0]!.headers['authorization']).toContain('/af-south-1/dynamodb/');
    expect(requests[0]!.headers['x-amz-security-token']).toBeUndefined();
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', '');
    vi.unstubAllEnvs();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ENVKEY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'envsecret');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9999');
    await new DynamoDBClient({ fetch }).send(new GetItemCommand({ TableName: 't', Key: {} }));
    expect(requests[1]!.url).toBe('http://127.0.0.1:9999/');
  });

  it('refuses to sign without credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    const { fetch } = fakeFetch([]);
    await expect(
      new DynamoDBClient({ region, fetch }).send(new GetItemCommand({ TableName: 't', Key: {} })),
    ).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
  });
});

describe('small document client: same marshalling as lib-dynamodb', () => {
  const item = {
    pk: 'H#1',
    sk: 'PROFILE',
    name: 'Awa',
    size: 5,
    ratio: 0.5,
    active: false,
    none: null,
    gone: undefined,
    tags: ['a', 'b'],
    nested: { members: [{ age: 3, gone: undefined }], empty: {} },
    codes: new Set(['x']),
    counts: new Set([1, 2]),
    blob: new Uint8Array([0, 255]),
  };

  it('marshals a Put as the SDK does', async () => {
    const input = { TableName: 't', Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
    expect(await smallBody(new PutCommand(input))).toEqual(await sdkBody(new SdkPutCommand(input)));
  });

  it('marshals an Update with expression values (list, map, set) as the SDK does', async () => {
    const input = {
      TableName: 't',
      Key: { pk: 'H#1', sk: 'PROFILE' },
      UpdateExpression: 'SET #n = :n, #m = :m, #l = :l ADD #s :s',
      ExpressionAttributeNames: { '#n': 'n', '#m': 'm', '#l': 'l', '#s': 's' },
      ExpressionAttributeValues: { ':n': 1, ':m': { a: 'b', c: [1] }, ':l': ['x', 2], ':s': new Set(['y']) },
      ReturnValues: 'ALL_NEW' as const,
    };
    expect(await smallBody(new UpdateCommand(input))).toEqual(await sdkBody(new SdkUpdateCommand(input)));
  });

  it('marshals a TransactWrite as the SDK does', async () => {
    const input = {
      TransactItems: [
        { Put: { TableName: 't', Item: item } },
        {
          Update: {
            TableName: 't',
            Key: { pk: 'a', sk: 'b' },
            UpdateExpression: 'SET v = :v',
            ExpressionAttributeValues: { ':v': 1 },
          },
        },
        {
          ConditionCheck: {
            TableName: 't',
            Key: { pk: 'c', sk: 'd' },
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        { Delete: { TableName: 't', Key: { pk: 'e', sk: 'f' } } },
      ],
      ClientRequestToken: 'token-1',
    };
    expect(await smallBody(new TransactWriteCommand(input))).toEqual(
      await sdkBody(new SdkTransactWriteCommand(input)),
    );
  });

  it('unmarshals an item to plain values', async () => {
    const { fetch } = fakeFetch([
      {
        status: 200,
        body: JSON.stringify({
          Item: {
            pk: { S: 'a' },
            n: { N: '2.5' },
            b: { B: 'AP8=' },
            l: { L: [{ BOOL: true }, { NULL: true }] },
            ss: { SS: ['x'] },
          },
        }),
      },
    ]);
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region, credentials, fetch }));
    const output = await client.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
    expect(output['Item']).toEqual({
      pk: 'a',
      n: 2.5,
      b: new Uint8Array([0, 255]),
      l: [true, null],
      ss: new Set(['x']),
    });
  });
});

describe('small DynamoDB client: errors and retries', () => {
  it('throws the modelled exception class with the members DynamoDB sent', async () => {
    const { fetch } = fakeFetch([
      {
        status: 400,
        body: JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          Message:
            'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
          CancellationReasons: [
            { Code: 'None' },
            { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
          ],
        }),
        headers: { 'x-amzn-requestid': 'REQ1' },
      },
    ]);
    const error = await new DynamoDBClient({ region, credentials, fetch })
      .send(new GetItemCommand({ TableName: 't', Key: {} }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error).toBeInstanceOf(DynamoDBServiceException);
    expect(error).toMatchObject({
      name: 'TransactionCanceledException',
      message: expect.stringContaining('Transaction cancelled'),
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'REQ1', attempts: 1 },
    });
  });

  it('returns the old item with a failed condition, binary decoded', async () => {
    const { fetch } = fakeFetch([
      {
        status: 400,
        body: JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'The conditional request failed',
          Item: { id: { S: 'k' }, data: { B: 'AQ==' } },
        }),
      },
    ]);
    const error = await new DynamoDBClient({ region, credentials, fetch })
      .send(new GetItemCommand({ TableName: 't', Key: {} }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as { Item: unknown }).Item).toEqual({ id: { S: 'k' }, data: { B: new Uint8Array([1]) } });
  });

  it('retries throttling and 5xx with backoff, up to three attempts', async () => {
    const throttled = {
      status: 400,
      body: JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      }),
    };
    const { fetch, requests } = fakeFetch([
      throttled,
      { status: 503, body: '' },
      { status: 200, body: '{}' },
    ]);
    const { sleep, delays } = recordingSleep();
    const output = await new DynamoDBClient({ region, credentials, fetch, sleep }).send(
      new GetItemCommand({ TableName: 't', Key: {} }),
    );
    expect(requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeLessThan(1000);
    expect(delays[1]).toBeLessThan(400);
    expect(output['$metadata']).toMatchObject({ attempts: 3 });
  });

  it('gives up after the last attempt with the service error', async () => {
    const { fetch, requests } = fakeFetch([
      { status: 500, body: '{"__type":"InternalServerError","message":"boom"}' },
      { status: 500, body: '{"__type":"InternalServerError","message":"boom"}' },
      { status: 500, body: '{"__type":"InternalServerError","message":"boom"}' },
    ]);
    const { sleep } = recordingSleep();
    const error = await new DynamoDBClient({ region, credentials, fetch, sleep })
      .send(new GetItemCommand({ TableName: 't', Key: {} }))
      .catch((caught: unknown) => caught);
    expect(requests).toHaveLength(3);
    expect(error).toMatchObject({
      name: 'InternalServerError',
      $fault: 'server',
      $metadata: { attempts: 3 },
    });
  });

  it('retries a network failure, and does not retry a failed condition', async () => {
    const { fetch, requests } = fakeFetch([
      new TypeError('fetch failed'),
      { status: 400, body: '{"__type":"x#ConditionalCheckFailedException","message":"no"}' },
    ]);
    const { sleep } = recordingSleep();
    const error = await new DynamoDBClient({ region, credentials, fetch, sleep })
      .send(new GetItemCommand({ TableName: 't', Key: {} }))
      .catch((caught: unknown) => caught);
    expect(requests).toHaveLength(2);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
  });
});
