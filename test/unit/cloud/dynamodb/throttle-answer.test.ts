import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import {
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { type ThrottleAnswer, throttleAnswer } from '../../../../local/cloud/dynamodb/throttle-answer.ts';

const region = 'eu-west-1';
const account = '123456789012';

/** A client whose HTTP layer hands back `answer` (no network): the SDK parses it as it would DynamoDB's. */
function clientAnswering(answer: () => ThrottleAnswer, maxAttempts = 1) {
  let requests = 0;
  const client = new DynamoDBClient({
    region,
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
    requestHandler: {
      handle: async () => {
        requests += 1;
        const { status, headers, body } = answer();
        return { response: { statusCode: status, headers, body: Readable.from([body]) } };
      },
    },
  });
  return { client, requests: () => requests };
}

describe('throttleAnswer', () => {
  it('is parsed by the SDK into ProvisionedThroughputExceededException with its reason and table', async () => {
    const answer = () =>
      throttleAnswer({
        error: 'ProvisionedThroughputExceededException',
        operation: 'PutItem',
        table: 'Registry',
        region,
        account,
      });
    const { client } = clientAnswering(answer);
    const error = await client
      .send(new PutItemCommand({ TableName: 'Registry', Item: { pk: { S: 'a' } } }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    const throttled = error as ProvisionedThroughputExceededException;
    expect(throttled.name).toBe('ProvisionedThroughputExceededException');
    expect(throttled.$metadata.httpStatusCode).toBe(400);
    expect(throttled.$metadata.requestId).toMatch(/^[A-Z0-9]{52}$/);
    expect(throttled.message).toMatch(/Throughput exceeds the current capacity/);
    expect(throttled.ThrottlingReasons).toEqual([
      {
        reason: 'TableWriteKeyRangeThroughputExceeded',
        resource: `arn:aws:dynamodb:${region}:${account}:table/Registry`,
      },
    ]);
    client.destroy();
  });

  it('is parsed into ThrottlingException when asked, a read reason for a read', async () => {
    const answer = () =>
      throttleAnswer({
        error: 'ThrottlingException',
        operation: 'GetItem',
        table: 'Registry',
        region,
        account,
      });
    const { client } = clientAnswering(answer);
    const error = await client
      .send(new GetItemCommand({ TableName: 'Registry', Key: { pk: { S: 'a' } } }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).throttlingReasons).toEqual([
      {
        reason: 'TableReadAccountLimitExceeded',
        resource: `arn:aws:dynamodb:${region}:${account}:table/Registry`,
      },
    ]);
    client.destroy();
  });

  it('is retried by the SDK as a throttling error, and the retry goes through once the fault is spent', async () => {
    let left = 2;
    const ok: ThrottleAnswer = {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Buffer.from('{"Item":{"pk":{"S":"a"}}}'),
    };
    const { client, requests } = clientAnswering(
      () =>
        left-- > 0
          ? throttleAnswer({
              error: 'ProvisionedThroughputExceededException',
              operation: 'GetItem',
              region,
              account,
            })
          : ok,
      3,
    );
    const output = await client.send(new GetItemCommand({ TableName: 'Registry', Key: { pk: { S: 'a' } } }));
    expect(output.Item).toEqual({ pk: { S: 'a' } });
    expect(requests()).toBe(3);
    expect(output.$metadata.attempts).toBe(3);
    client.destroy();
  }, 15_000);

  it('carries the headers DynamoDB sends: JSON 1.0, the error type, a CRC32 of the body', () => {
    const answer = throttleAnswer({
      error: 'ProvisionedThroughputExceededException',
      operation: 'TransactWriteItems',
      table: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Registry',
      region,
      account,
    });
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-errortype': 'ProvisionedThroughputExceededException',
      'x-amz-crc32': String(crc32(answer.body)),
      'content-length': String(answer.body.length),
    });
    expect(JSON.parse(answer.body.toString())).toMatchObject({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      ThrottlingReasons: [
        {
          reason: 'TableWriteKeyRangeThroughputExceeded',
          resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Registry',
        },
      ],
    });
  });
});
