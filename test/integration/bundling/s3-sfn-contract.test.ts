/**
 * The small S3 and Step Functions clients of the Lambda bundles (infra/constructs/bundling)
 * against the real SDK, on the local cloud's S3 and Step Functions: same results, same errors.
 */
import {
  GetObjectCommand as SdkGetObjectCommand,
  HeadObjectCommand as SdkHeadObjectCommand,
  PutObjectCommand as SdkPutObjectCommand,
  S3Client as SdkS3Client,
} from '@aws-sdk/client-s3';
import {
  GetExecutionHistoryCommand as SdkGetExecutionHistoryCommand,
  SendTaskSuccessCommand as SdkSendTaskSuccessCommand,
  SFNClient as SdkSFNClient,
  StartExecutionCommand as SdkStartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import * as s3 from '../../../infra/constructs/bundling/s3-client.ts';
import * as sfn from '../../../infra/constructs/bundling/sfn-client.ts';
import { comparableError } from './compare.ts';

const cloud = inject('fixtureCloud');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = cloud.endpoints.region;
const bucket = cloud.bucketNames[0]!;
const run = Date.now().toString(36);

const s3Config = { endpoint: cloud.endpoints.s3, region, credentials, forcePathStyle: true };
const sdkS3 = new SdkS3Client({ ...s3Config, requestChecksumCalculation: 'WHEN_REQUIRED' });
const smallS3 = new s3.S3Client(s3Config);
const sfnConfig = { endpoint: cloud.endpoints.stepfunctions, region, credentials };
const sdkSfn = new SdkSFNClient(sfnConfig);
const smallSfn = new sfn.SFNClient(sfnConfig);

/** Both sides fail, and the same way (the table-name argument of comparableError is unused here). */
async function sameError(sdk: () => Promise<unknown>, small: () => Promise<unknown>) {
  const [expected, actual] = [await sdk().catch((e: unknown) => e), await small().catch((e: unknown) => e)];
  expect(expected).toBeInstanceOf(Error);
  expect(comparableError(actual, '-')).toEqual(comparableError(expected, '-'));
  return actual as Error;
}

describe('small S3 client against the SDK', () => {
  it('writes what the SDK reads, and reads what the SDK writes', async () => {
    const key = `contract/${run}/liste été (1).csv`;
    await smallS3.send(
      new s3.PutObjectCommand({ Bucket: bucket, Key: key, Body: 'a,b\n1,2\n', ContentType: 'text/csv' }),
    );
    const viaSdk = await sdkS3.send(new SdkGetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await viaSdk.Body?.transformToString()).toBe('a,b\n1,2\n');
    expect(viaSdk.ContentType).toBe('text/csv');

    const other = `contract/${run}/report.json`;
    await sdkS3.send(
      new SdkPutObjectCommand({
        Bucket: bucket,
        Key: other,
        Body: '{"ok":true}',
        ContentType: 'application/json',
      }),
    );
    const viaSmall = await smallS3.send(new s3.GetObjectCommand({ Bucket: bucket, Key: other }));
    const body = viaSmall['Body'] as { transformToByteArray(): Promise<Uint8Array> };
    expect(new TextDecoder().decode(await body.transformToByteArray())).toBe('{"ok":true}');

    const [sdkHead, smallHead] = [
      await sdkS3.send(new SdkHeadObjectCommand({ Bucket: bucket, Key: key })),
      await smallS3.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key })),
    ];
    expect({
      ContentLength: smallHead['ContentLength'],
      ContentType: smallHead['ContentType'],
      ETag: smallHead['ETag'],
    }).toEqual({
      ContentLength: sdkHead.ContentLength,
      ContentType: sdkHead.ContentType,
      ETag: sdkHead.ETag,
    });
  });

  it('fails a missing object as the SDK does', async () => {
    const key = `contract/${run}/missing.csv`;
    const missing = await sameError(
      () => sdkS3.send(new SdkGetObjectCommand({ Bucket: bucket, Key: key })),
      () => smallS3.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key })),
    );
    expect(missing.name).toBe('NoSuchKey');
    const headMissing = await sameError(
      () => sdkS3.send(new SdkHeadObjectCommand({ Bucket: bucket, Key: key })),
      () => smallS3.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key })),
    );
    expect(headMissing.name).toBe('NotFound');
  });
});

describe('small Step Functions client against the SDK', () => {
  it('fails a start on a missing state machine and an unknown task token as the SDK does', async () => {
    const missingArn = `arn:aws:states:${region}:${cloud.endpoints.account}:stateMachine:contract-missing-${run}`;
    await sameError(
      () => sdkSfn.send(new SdkStartExecutionCommand({ stateMachineArn: missingArn, input: '{}' })),
      () => smallSfn.send(new sfn.StartExecutionCommand({ stateMachineArn: missingArn, input: '{}' })),
    );
    await sameError(
      () => sdkSfn.send(new SdkSendTaskSuccessCommand({ taskToken: `no-such-token-${run}`, output: '{}' })),
      () =>
        smallSfn.send(new sfn.SendTaskSuccessCommand({ taskToken: `no-such-token-${run}`, output: '{}' })),
    );
  });

  it('reads an execution history as the SDK does, and fails a missing execution the same way', async () => {
    const stateMachineArn = cloud.stateMachineArns[0]!;
    const { executionArn } = await sdkSfn.send(
      new SdkStartExecutionCommand({ stateMachineArn, name: `contract-history-${run}`, input: '{}' }),
    );
    const input = { executionArn: executionArn!, maxResults: 1, includeExecutionData: false };
    const [expected, actual] = await Promise.all([
      sdkSfn.send(new SdkGetExecutionHistoryCommand(input)),
      smallSfn.send(new sfn.GetExecutionHistoryCommand(input)) as Promise<{
        events?: { id?: number; type?: string }[];
      }>,
    ]);
    const shape = (events: { id?: number; type?: string }[] | undefined) =>
      (events ?? []).map(({ id, type }) => ({ id, type }));
    expect(shape(actual.events)).toEqual(shape(expected.events));
    expect(shape(actual.events)).toEqual([{ id: 1, type: 'ExecutionStarted' }]);
    const missing = `${executionArn!.slice(0, executionArn!.lastIndexOf(':'))}:contract-missing-${run}`;
    await sameError(
      () => sdkSfn.send(new SdkGetExecutionHistoryCommand({ executionArn: missing })),
      () => smallSfn.send(new sfn.GetExecutionHistoryCommand({ executionArn: missing })),
    );
  });
});
