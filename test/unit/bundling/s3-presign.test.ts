/**
 * Presigned URLs and POST forms of the small S3 client, against the SDK's for the same
 * credentials and clock (no network: presigning is local computation on both sides).
 */
import { PutObjectCommand as SdkPutObjectCommand, S3Client as SdkS3Client } from '@aws-sdk/client-s3';
import { createPresignedPost as sdkCreatePresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl as sdkGetSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PutObjectCommand, S3Client } from '../../../infra/constructs/bundling/s3-client.ts';
import { createPresignedPost } from '../../../infra/constructs/bundling/s3-presigned-post.ts';
import { getSignedUrl } from '../../../infra/constructs/bundling/s3-request-presigner.ts';
import { credentials } from './fake-fetch.ts';

const SETTINGS = [
  { label: 'path-style on a local endpoint', endpoint: 'http://127.0.0.1:4568', forcePathStyle: true },
  { label: 'path-style on AWS', forcePathStyle: true },
  { label: 'virtual-hosted on AWS', forcePathStyle: false },
];

const clientsFor = (setting: (typeof SETTINGS)[number]) => {
  const config = {
    region: 'eu-west-1',
    credentials,
    forcePathStyle: setting.forcePathStyle,
    ...(setting.endpoint ? { endpoint: setting.endpoint } : {}),
  };
  return {
    sdk: new SdkS3Client({ ...config, requestChecksumCalculation: 'WHEN_REQUIRED' }),
    small: new S3Client(config),
  };
};

/** The query as a sorted list: the two sides order parameters differently. */
const normalized = (url: string) => {
  const parsed = new URL(url);
  return {
    origin: parsed.origin,
    pathname: parsed.pathname,
    query: [...parsed.searchParams].sort(([a], [b]) => a.localeCompare(b)),
  };
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-27T01:02:03.456Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(SETTINGS)('presigning ($label)', (setting) => {
  it('signs a PUT URL as the SDK does, content type and length signed', async () => {
    const { sdk, small } = clientsFor(setting);
    const input = {
      Bucket: 'documents-bucket',
      Key: 'documents/staff/01J-Carte d’identité (1).pdf',
      ContentType: 'application/pdf',
      ContentLength: 1234,
    };
    const options = { expiresIn: 900, signableHeaders: new Set(['content-type', 'content-length']) };
    const expected = await sdkGetSignedUrl(sdk, new SdkPutObjectCommand(input), options);
    const actual = await getSignedUrl(small, new PutObjectCommand(input), options);
    expect(normalized(actual)).toEqual(normalized(expected));
  });

  it('signs a PUT URL with the SDK defaults (content type unsigned, 900 s)', async () => {
    const { sdk, small } = clientsFor(setting);
    const input = { Bucket: 'b', Key: 'a/b.csv', ContentType: 'text/csv' };
    const expected = await sdkGetSignedUrl(sdk, new SdkPutObjectCommand(input));
    const actual = await getSignedUrl(small, new PutObjectCommand(input));
    expect(normalized(actual)).toEqual(normalized(expected));
  });

  it('builds the same POST form: URL, fields, policy and signature', async () => {
    const { sdk, small } = clientsFor(setting);
    const options = {
      Bucket: 'uploads-bucket',
      Key: 'uploads/P-1/01J/liste été.csv',
      Conditions: [
        ['eq', '$Content-Type', 'text/csv'],
        ['content-length-range', 1, 5_000_000],
      ] as never,
      Fields: { 'Content-Type': 'text/csv' },
      Expires: 1800,
    };
    const expected = await sdkCreatePresignedPost(sdk, options);
    const actual = await createPresignedPost(small, options);
    expect(actual).toEqual(expected);
  });
});
