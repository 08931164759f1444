import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { LambdaInvoker, TaskRequest } from '../../../../local/engine/contract.ts';
import { createAwsClients } from '../../../../local/engine/integrations/aws-clients.ts';
import { createTaskInvoker } from '../../../../local/engine/integrations/index.ts';
import { createItemReader, createResultWriter } from '../../../../local/engine/integrations/item-reader.ts';

const dynamodb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
afterEach(() => {
  dynamodb.reset();
  s3.reset();
});

const clients = createAwsClients({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
const textBody = (text: string) => ({ transformToString: async () => text }) as never;

function invoker(lambdaInvoker?: LambdaInvoker) {
  const invokeTask = createTaskInvoker({
    lambdaInvoker,
    clients,
    region: 'us-east-1',
    accountId: '123456789012',
    nested: {
      startChild: () => {
        throw new Error('not used');
      },
      waitForExecution: () => Promise.reject(new Error('not used')),
      stopExecution: () => {},
    },
  });
  return (resource: string, parameters: unknown) => {
    const request: TaskRequest = { resource, parameters, context: {}, stateName: 'Work' };
    return invokeTask({
      request,
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:e',
      key: '/Work#1/task',
      token: undefined,
      signal: new AbortController().signal,
    });
  };
}

describe('task integrations', () => {
  it('returns a plain function ARN result as is, and lambda:invoke in the AWS envelope', async () => {
    const calls: Array<[string, unknown]> = [];
    const run = invoker(async (functionArn, payload) => {
      calls.push([functionArn, payload]);
      return { eligible: true };
    });
    const direct = await run('arn:aws:lambda:us-east-1:123456789012:function:check', { householdId: 'h-1' });
    expect(direct).toEqual({ ok: true, output: { eligible: true } });
    const wrapped = await run('arn:aws:states:::lambda:invoke', {
      FunctionName: 'check',
      Payload: { householdId: 'h-2' },
    });
    expect(wrapped).toMatchObject({
      ok: true,
      output: {
        ExecutedVersion: '$LATEST',
        Payload: { eligible: true },
        StatusCode: 200,
        SdkHttpMetadata: { HttpStatusCode: 200 },
      },
    });
    expect(calls).toEqual([
      ['arn:aws:lambda:us-east-1:123456789012:function:check', { householdId: 'h-1' }],
      ['arn:aws:lambda:us-east-1:123456789012:function:check', { householdId: 'h-2' }],
    ]);
  });

  it('reports a function error by its error type, with the Lambda error document as cause', async () => {
    const run = invoker(async () => {
      throw Object.assign(new Error('household not found'), { name: 'HouseholdNotFound' });
    });
    const outcome = await run('arn:aws:states:::lambda:invoke', { FunctionName: 'check', Payload: {} });
    expect(outcome).toMatchObject({ ok: false, error: 'HouseholdNotFound' });
    expect(JSON.parse((outcome as { cause: string }).cause)).toMatchObject({
      errorType: 'HouseholdNotFound',
      errorMessage: 'household not found',
    });
  });

  it('calls the optimized DynamoDB integration and names its errors DynamoDB.*', async () => {
    dynamodb
      .on(PutItemCommand)
      .resolvesOnce({ $metadata: {} })
      .rejectsOnce(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );
    const run = invoker();
    const parameters = {
      TableName: 'registry',
      Item: { pk: { S: 'HH#1' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    const first = await run('arn:aws:states:::dynamodb:putItem', parameters);
    expect(first).toMatchObject({ ok: true, output: { SdkHttpMetadata: { HttpStatusCode: 200 } } });
    expect(dynamodb.commandCalls(PutItemCommand)[0]!.args[0].input).toEqual(parameters);
    const second = await run('arn:aws:states:::dynamodb:putItem', parameters);
    expect(second).toMatchObject({ ok: false, error: 'DynamoDB.ConditionalCheckFailedException' });
    expect(await run('arn:aws:states:::dynamodb:scan', { TableName: 'registry' })).toMatchObject({
      ok: false,
      error: 'States.Runtime',
    });
  });

  it('calls aws-sdk:dynamodb actions and names their errors DynamoDb.*', async () => {
    dynamodb
      .on(GetItemCommand)
      .resolvesOnce({ Item: { pk: { S: 'HH#1' } }, $metadata: { httpStatusCode: 200 } })
      .rejectsOnce(new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} }));
    const run = invoker();
    const found = await run('arn:aws:states:::aws-sdk:dynamodb:getItem', {
      TableName: 'registry',
      Key: { pk: { S: 'HH#1' } },
    });
    expect(found).toEqual({ ok: true, output: { Item: { pk: { S: 'HH#1' } } } });
    const missing = await run('arn:aws:states:::aws-sdk:dynamodb:getItem', { TableName: 'gone', Key: {} });
    expect(missing).toMatchObject({ ok: false, error: 'DynamoDb.ResourceNotFoundException' });
  });

  it('calls aws-sdk:s3 actions, returns object bodies as text and names errors S3.*', async () => {
    s3.on(GetObjectCommand, { Key: 'present.json' })
      .resolves({ Body: textBody('{"rows":2}'), ContentType: 'application/json', $metadata: {} })
      .on(GetObjectCommand, { Key: 'absent.json' })
      .rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    const run = invoker();
    expect(
      await run('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'uploads', Key: 'present.json' }),
    ).toEqual({
      ok: true,
      output: { Body: '{"rows":2}', ContentType: 'application/json' },
    });
    expect(
      await run('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'uploads', Key: 'absent.json' }),
    ).toMatchObject({
      ok: false,
      error: 'S3.NoSuchKey',
    });
    expect(await run('arn:aws:states:::aws-sdk:s3:noSuchAction', {})).toMatchObject({
      ok: false,
      error: 'States.Runtime',
    });
  });

  it('refuses a resource it does not know instead of pretending to run it', async () => {
    expect(await invoker()('arn:aws:states:::sqs:sendMessage', {})).toMatchObject({
      ok: false,
      error: 'States.Runtime',
    });
    expect(await invoker()('arn:aws:lambda:us-east-1:123456789012:function:f', {})).toMatchObject({
      ok: false,
      error: 'Lambda.ServiceException',
    });
  });
});

describe('distributed map item reader and result writer', () => {
  it('reads CSV rows as objects of strings, up to MaxItems', async () => {
    s3.on(GetObjectCommand).resolves({
      Body: textBody('household_id,members\nh-1,3\nh-2,5\nh-3,1\n'),
      $metadata: {},
    });
    const items = await createItemReader(clients)(
      {
        resource: 'arn:aws:states:::s3:getObject',
        parameters: { Bucket: 'uploads', Key: 'partner/rows.csv' },
        readerConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 },
        stateName: 'Each row',
      },
      new AbortController().signal,
    );
    expect(items).toEqual([
      { household_id: 'h-1', members: '3' },
      { household_id: 'h-2', members: '5' },
    ]);
  });

  it('names a missing object S3.NoSuchKey', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    const read = createItemReader(clients)(
      {
        resource: 'arn:aws:states:::s3:getObject',
        parameters: { Bucket: 'b', Key: 'k' },
        readerConfig: { InputType: 'JSON' },
        stateName: 'Each',
      },
      new AbortController().signal,
    );
    await expect(read).rejects.toMatchObject({ name: 'S3.NoSuchKey' });
  });

  it('writes the manifest and the result files under the prefix and map run id', async () => {
    s3.on(PutObjectCommand).resolves({ $metadata: {} });
    const child = {
      ExecutionArn: 'arn:x',
      Name: 'n',
      Input: '{}',
      InputDetails: { Included: true },
      StartDate: '2026-01-01T00:00:00Z',
      StopDate: '2026-01-01T00:00:01Z',
      StateMachineArn: 'arn:sm',
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
    };
    const details = await createResultWriter(clients)(
      {
        resource: 'arn:aws:states:::s3:putObject',
        parameters: { Bucket: 'reports', Prefix: 'bulk/' },
        stateName: 'Each',
      },
      {
        mapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:m/run:abc',
        mapRunId: 'abc',
        children: [
          { ...child, Status: 'SUCCEEDED', Output: '1' },
          { ...child, Status: 'FAILED', Error: 'E' },
        ],
      },
    );
    expect(details).toEqual({ Bucket: 'reports', Key: 'bulk/abc/manifest.json' });
    const keys = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key);
    expect(keys).toEqual(['bulk/abc/SUCCEEDED_0.json', 'bulk/abc/FAILED_0.json', 'bulk/abc/manifest.json']);
  });
});
