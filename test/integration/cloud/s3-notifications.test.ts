import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, inject, it } from 'vitest';
import { cloudClients, eventually } from './cloud-clients.ts';

const cloud = inject('fixtureCloud');
const { dynamodb, s3 } = cloudClients(cloud.endpoints);
const Bucket = cloud.bucketNames[0]!;
const TableName = cloud.tableNames[0]!;

/** The fixture's upload handler counts deliveries per (url-encoded) key, as it receives them. */
async function deliveries(encodedKey: string) {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName,
      Key: { pk: { S: `upload#${encodedKey}` }, sk: { S: 'deliveries' } },
      ConsistentRead: true,
    }),
  );
  return Item ? { count: Number(Item.deliveries!.N), record: JSON.parse(Item.lastRecord!.S!) } : undefined;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('S3 stand-in and bucket notifications', () => {
  it('serves PutObject, GetObject and ListObjectsV2 to a path-style SDK client', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'plain/one.txt', Body: 'one' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'plain/one.txt' }));
    expect(await got.Body!.transformToString()).toBe('one');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'plain/' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['plain/one.txt']);
  });

  it('delivers one S3 event in AWS shape, exactly once, for a put under the notified prefix', async () => {
    const key = 'uploads/partner 7/rows+1.csv';
    await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: 'a,b\n1,2\n' }));
    const encoded = 'uploads/partner+7/rows%2B1.csv';
    const first = await eventually(() => deliveries(encoded));
    await settle();
    const settled = await deliveries(encoded);
    expect(settled?.count).toBe(1);
    expect(first.record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: Bucket, arn: `arn:aws:s3:::${Bucket}` },
        object: { key: encoded, size: 8, eTag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      },
    });
    expect(first.record.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
  });

  it('notifies for an upload through a presigned PUT URL, and not for keys outside the prefix', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'uploads/presigned.csv' }), {
      expiresIn: 300,
    });
    const put = await fetch(url, { method: 'PUT', body: 'x\n' });
    expect(put.status).toBe(200);
    await eventually(() => deliveries('uploads/presigned.csv'));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'elsewhere/file.csv', Body: 'x' }));
    await settle();
    expect(await deliveries('elsewhere/file.csv')).toBeUndefined();
    expect((await deliveries('uploads/presigned.csv'))?.count).toBe(1);
  });

  it('retries a failing notification target twice, then keeps the event as a dead letter', async () => {
    const onUpload = 'FixtureService-OnUpload071E41C7';
    const fault = { kind: 'throw', errorType: 'Injected', times: 3 };
    await fetch(`${cloud.endpoints.api}/_local/faults/${onUpload}`, {
      method: 'PUT',
      body: JSON.stringify(fault),
    });
    await s3.send(new PutObjectCommand({ Bucket, Key: 'uploads/poison.csv', Body: 'x' }));
    const file = join(cloud.dataDir, 'dead-letters', `${onUpload}.jsonl`);
    const lines = await eventually(async () =>
      existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : undefined,
    );
    const dead = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.event.Records[0].s3.object.key === 'uploads/poison.csv');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ functionName: onUpload, errorType: 'Injected' });
    expect(await deliveries('uploads/poison.csv')).toBeUndefined();
  });

  it('delivers again, once, when the same key is put again', async () => {
    const key = 'uploads/twice.csv';
    await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: '1' }));
    await eventually(() => deliveries(key));
    await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: '2' }));
    await eventually(async () => ((await deliveries(key))?.count === 2 ? true : undefined));
    await settle();
    expect((await deliveries(key))?.count).toBe(2);
  });
});
