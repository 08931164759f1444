import { describe, expect, it } from 'vitest';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  UnsupportedInputError,
} from '../../../infra/constructs/bundling/s3-client.ts';
import { credentials, fakeFetch } from './fake-fetch.ts';

const config = { region: 'eu-west-1', credentials, forcePathStyle: true, endpoint: 'http://127.0.0.1:4568' };

describe('small S3 client', () => {
  it('puts an object path-style, key encoded, content type and metadata as headers', async () => {
    const { fetch, requests } = fakeFetch([
      { status: 200, headers: { etag: '"abc"', 'x-amz-version-id': 'v1' } },
    ]);
    const output = await new S3Client({ ...config, fetch }).send(
      new PutObjectCommand({
        Bucket: 'reports',
        Key: 'vouchers/H 1/été(1).svg',
        Body: '<svg/>',
        ContentType: 'image/svg+xml',
        Metadata: { Household: 'H1' },
      }),
    );
    const [request] = requests;
    expect(request!.method).toBe('PUT');
    expect(request!.url).toBe('http://127.0.0.1:4568/reports/vouchers/H%201/%C3%A9t%C3%A9%281%29.svg');
    expect(request!.body).toBe('<svg/>');
    expect(request!.headers).toMatchObject({
      'content-type': 'image/svg+xml',
      'x-amz-meta-household': 'H1',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    });
    expect(request!.headers['authorization']).toMatch(
      /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request/,
    );
    expect(output).toMatchObject({ ETag: '"abc"', VersionId: 'v1', $metadata: { httpStatusCode: 200 } });
  });

  it('reads an object body and its headers', async () => {
    const { fetch, requests } = fakeFetch([
      { status: 200, body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv', 'content-length': '8' } },
    ]);
    const output = await new S3Client({ ...config, fetch }).send(
      new GetObjectCommand({ Bucket: 'u', Key: 'k.csv' }),
    );
    expect(requests[0]!.method).toBe('GET');
    expect(output).toMatchObject({ ContentType: 'text/csv', ContentLength: 8 });
    const body = output['Body'] as { transformToByteArray(): Promise<Uint8Array> };
    expect(new TextDecoder().decode(await body.transformToByteArray())).toBe('a,b\n1,2\n');
  });

  it('heads an object', async () => {
    const { fetch, requests } = fakeFetch([
      {
        status: 200,
        headers: { 'content-type': 'text/csv', 'content-length': '42', 'x-amz-meta-partner': 'P1' },
      },
    ]);
    const output = await new S3Client({ ...config, fetch }).send(
      new HeadObjectCommand({ Bucket: 'u', Key: 'k' }),
    );
    expect(requests[0]!.method).toBe('HEAD');
    expect(output).toMatchObject({ ContentLength: 42, ContentType: 'text/csv', Metadata: { partner: 'P1' } });
  });

  it('names errors as the SDK does: the XML code, or the status when there is no body', async () => {
    const { fetch } = fakeFetch([
      {
        status: 404,
        body: '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key></Error>',
      },
      { status: 404 },
    ]);
    const client = new S3Client({ ...config, fetch });
    const missing = await client
      .send(new GetObjectCommand({ Bucket: 'u', Key: 'k' }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect(missing).toMatchObject({
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      Code: 'NoSuchKey',
      Key: 'k',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
    });
    const headMissing = await client
      .send(new HeadObjectCommand({ Bucket: 'u', Key: 'k' }))
      .catch((e: unknown) => e);
    expect(headMissing).toBeInstanceOf(NotFound);
    expect(headMissing).toMatchObject({ name: 'NotFound', message: 'UnknownError' });
  });

  it('refuses an input member it does not send, rather than dropping it', async () => {
    const { fetch, requests } = fakeFetch([]);
    await expect(
      new S3Client({ ...config, fetch }).send(
        new PutObjectCommand({ Bucket: 'u', Key: 'k', Body: 'x', ObjectLockMode: 'GOVERNANCE' }),
      ),
    ).rejects.toBeInstanceOf(UnsupportedInputError);
    expect(requests).toHaveLength(0);
  });
});
