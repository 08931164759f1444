/**
 * The bundles' SigV4 (infra/constructs/bundling/sigv4.ts) against the SDK's own signer,
 * @smithy/signature-v4 (installed with the AWS SDK), on the same requests at the same time: the
 * signatures must be identical.
 */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { presignedUrl, signedHeaders } from '../../../infra/constructs/bundling/sigv4.ts';
import { credentials } from './fake-fetch.ts';

/** The hash constructor @smithy/signature-v4 asks for, on node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const date = new Date('2026-11-27T01:02:03.000Z');

function sdkSigner(service: string) {
  // As the SDK's clients configure it: S3 alone signs the path unescaped and the payload hash header.
  return new SignatureV4({
    credentials,
    region: 'eu-west-1',
    service,
    sha256: Sha256 as never,
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

/** The SDK's request shape from a URL. */
function httpRequest(method: string, url: string, headers: Record<string, string>, body?: string) {
  const parsed = new URL(url);
  return {
    method,
    protocol: parsed.protocol,
    hostname: parsed.hostname,
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    path: parsed.pathname,
    query: Object.fromEntries(parsed.searchParams),
    headers: { ...headers, host: parsed.host },
    ...(body === undefined ? {} : { body }),
  };
}

const CASES: {
  label: string;
  service: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}[] = [
  {
    label: 'DynamoDB JSON call',
    service: 'dynamodb',
    method: 'POST',
    url: 'https://dynamodb.eu-west-1.amazonaws.com/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
    body: '{"TableName":"t","Key":{"pk":{"S":"é"}}}',
  },
  {
    label: 'Step Functions call on a local port',
    service: 'states',
    method: 'POST',
    url: 'http://127.0.0.1:8083/',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AWSStepFunctions.StartExecution',
    },
    body: '{"stateMachineArn":"arn"}',
  },
  {
    label: 'S3 object with an encoded key and a query',
    service: 's3',
    method: 'PUT',
    url: 'http://127.0.0.1:4568/uploads/P-1/liste%20%C3%A9t%C3%A9%20%281%29.csv?x-id=PutObject&a=b%20c',
    headers: {
      'content-type': 'text/csv',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-amz-meta-partner': '  P  1 ',
    },
    body: 'a,b\n',
  },
];

describe('SigV4 of the bundles against the SDK signer', () => {
  it.each(CASES)('signs headers as the SDK: $label', async ({ service, method, url, headers, body }) => {
    const ours = signedHeaders(
      { method, url, headers, body },
      { service, region: 'eu-west-1', credentials, date },
    );
    const sdk = (await sdkSigner(service).sign(httpRequest(method, url, headers, body) as never, {
      signingDate: date,
    })) as unknown as { headers: Record<string, string> };
    expect(ours['authorization']).toBe(sdk.headers['authorization']);
    expect(ours['x-amz-date']).toBe(sdk.headers['x-amz-date']);
    expect(ours['x-amz-security-token']).toBe(sdk.headers['x-amz-security-token']);
  });

  it('presigns a URL as the SDK', async () => {
    const url = 'https://s3.eu-west-1.amazonaws.com/documents/staff/01J-carte%20(1).pdf?x-id=PutObject';
    const headers = { 'content-type': 'application/pdf', 'content-length': '1234' };
    const ours = new URL(
      presignedUrl(
        { method: 'PUT', url: `${url}&x-amz-content-sha256=UNSIGNED-PAYLOAD`, headers },
        { service: 's3', region: 'eu-west-1', credentials, date, expiresIn: 900 },
      ),
    );
    const request = httpRequest('PUT', url, { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const sdk = await sdkSigner('s3').presign(request as never, {
      signingDate: date,
      expiresIn: 900,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    const sdkQuery = sdk.query as Record<string, string>;
    expect(ours.searchParams.get('X-Amz-Signature')).toBe(sdkQuery['X-Amz-Signature']);
    expect(Object.fromEntries(ours.searchParams)).toEqual({ ...sdkQuery });
  });
});
