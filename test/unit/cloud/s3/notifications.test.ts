import { describe, expect, it } from 'vitest';
import type { BucketModel } from '../../../../local/cloud/model/buckets.ts';
import type { EventRuleModel } from '../../../../local/cloud/model/event-rules.ts';
import { createNotificationDispatcher } from '../../../../local/cloud/s3/notifications.ts';
import { encodeEventKey, nextSequencer } from '../../../../local/cloud/s3/s3-event-record.ts';

const fnArn = 'arn:aws:lambda:us-east-1:123456789012:function:ingest';
const flowArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:bulk';

function dispatcherFor(buckets: BucketModel[], eventRules: EventRuleModel[] = []) {
  const invoked: { arn: string; event: { Records: { s3: { object: Record<string, unknown> } }[] } }[] = [];
  const started: { arn: string; input: Record<string, unknown> }[] = [];
  const dispatch = createNotificationDispatcher({
    buckets,
    eventRules,
    region: 'us-east-1',
    account: '123456789012',
    targets: {
      invokeAsync: (arn, event) => invoked.push({ arn, event: event as (typeof invoked)[number]['event'] }),
      startExecution: (arn, input) => started.push({ arn, input: input as Record<string, unknown> }),
      log: () => undefined,
    },
  });
  return { dispatch, invoked, started };
}

const bucket = (overrides: Partial<BucketModel> = {}): BucketModel => ({
  logicalId: 'Uploads',
  stackName: 'Data',
  bucketName: 'uploads',
  versioned: false,
  eventBridgeEnabled: false,
  notifications: [{ events: ['s3:ObjectCreated:*'], prefix: 'uploads/', suffix: '.csv', functionArn: fnArn }],
  ...overrides,
});

const put = (key: string) => ({
  eventName: 'ObjectCreated:Put',
  bucket: 'uploads',
  key,
  size: 3,
  eTag: 'abc',
  sourceIp: '127.0.0.1',
});

describe('createNotificationDispatcher', () => {
  it('delivers one event per matching configuration, in AWS shape, with the key URL-encoded', () => {
    const { dispatch, invoked } = dispatcherFor([bucket()]);
    dispatch(put('uploads/p 1/a+b.csv'));
    expect(invoked).toHaveLength(1);
    expect(invoked[0]!.arn).toBe(fnArn);
    expect(invoked[0]!.event.Records).toHaveLength(1);
    expect(invoked[0]!.event.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'uploads' }, object: { key: 'uploads/p+1/a%2Bb.csv', size: 3, eTag: 'abc' } },
    });
    expect(invoked[0]!.event.Records[0]!.s3.object.versionId).toBeUndefined();
  });

  it('skips keys outside the prefix or suffix, other buckets, and other event types', () => {
    const { dispatch, invoked } = dispatcherFor([bucket()]);
    dispatch(put('reports/a.csv'));
    dispatch(put('uploads/a.json'));
    dispatch({ ...put('uploads/a.csv'), bucket: 'other' });
    dispatch({ ...put('uploads/a.csv'), eventName: 'ObjectRemoved:Delete' });
    expect(invoked).toEqual([]);
  });

  it('adds a version id for versioned buckets', () => {
    const { dispatch, invoked } = dispatcherFor([bucket({ versioned: true })]);
    dispatch(put('uploads/a.csv'));
    expect(invoked[0]!.event.Records[0]!.s3.object.versionId).toEqual(expect.any(String));
  });

  it('sends EventBridge events of EventBridge-enabled buckets to matching rules’ state machines', () => {
    const rule: EventRuleModel = {
      logicalId: 'OnUpload',
      stackName: 'Data',
      pattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: ['uploads'] }, object: { key: [{ prefix: 'uploads/' }] } },
      },
      targets: [{ id: 'flow', arn: flowArn }],
    };
    const { dispatch, started } = dispatcherFor(
      [bucket({ eventBridgeEnabled: true, notifications: [] })],
      [rule],
    );
    dispatch(put('uploads/a b.csv'));
    dispatch(put('elsewhere/x.csv'));
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      arn: flowArn,
      input: {
        source: 'aws.s3',
        'detail-type': 'Object Created',
        detail: {
          bucket: { name: 'uploads' },
          object: { key: 'uploads/a b.csv', size: 3 },
          reason: 'PutObject',
        },
      },
    });
  });
});

describe('S3 event details', () => {
  it('encodes keys as S3 does in event records', () => {
    expect(encodeEventKey('a b/c+d=é.csv')).toBe('a+b/c%2Bd%3D%C3%A9.csv');
  });

  it('issues increasing sequencers, even within one millisecond', () => {
    const a = nextSequencer(1000);
    const b = nextSequencer(1000);
    expect(BigInt(`0x${b}`)).toBeGreaterThan(BigInt(`0x${a}`));
  });
});
