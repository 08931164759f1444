/**
 * AWS Signature Version 4 for the small clients of the Lambda bundles, on node:crypto: signed
 * headers for a request, or a presigned URL (the signature in the query string). Written here
 * rather than taken from aws4fetch, which does the same in 7.4 KB of each bundle (6% of the staff
 * path's 128 KB, measured) with WebCrypto's asynchronous calls. test/unit/bundling/sigv4.test.ts
 * checks every signature against the SDK's own signer (@smithy/signature-v4).
 */
import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigningScope {
  service: string;
  region: string;
  credentials: Credentials;
  /** Signing time; now when omitted. */
  date?: Date;
}

/** The payload hash S3 accepts over TLS instead of hashing the body. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20261127T010203Z`: ISO 8601 basic, to the second. */
export const amzDate = (date: Date) => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

export const credentialScope = (date: string, scope: SigningScope) =>
  `${date.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;

/** The day's key: HMAC chain over date, region, service (the same key signs POST policies). */
export function signingKey(secretAccessKey: string, shortDate: string, region: string, service: string) {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, shortDate), region), service), 'aws4_request');
}

/** RFC 3986 encoding, as SigV4 wants it: encodeURIComponent plus `!'()*`. */
export const encodeRfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const canonicalQuery = (url: URL) =>
  [...url.searchParams]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');

// S3 signs the path as sent (already encoded once); the other services sign it encoded twice.
const canonicalPath = (url: URL, service: string) =>
  service === 's3' ? url.pathname : url.pathname.split('/').map(encodeRfc3986).join('/');

function signature(
  method: string,
  url: URL,
  headers: Record<string, string>,
  payloadHash: string,
  datetime: string,
  scope: SigningScope,
) {
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    method.toUpperCase(),
    canonicalPath(url, scope.service),
    canonicalQuery(url),
    names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}\n`).join(''),
    names.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    datetime,
    credentialScope(datetime, scope),
    sha256Hex(canonicalRequest),
  ].join('\n');
  const key = signingKey(
    scope.credentials.secretAccessKey,
    datetime.slice(0, 8),
    scope.region,
    scope.service,
  );
  return { signedHeaders: names.join(';'), signature: hmac(key, stringToSign).toString('hex') };
}

const lowerCased = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/**
 * The headers to send: the given ones (all signed), host, x-amz-date, the session token, and
 * `authorization`. S3 gets `x-amz-content-sha256` (unsigned payload unless one is given).
 */
export function signedHeaders(
  request: { method: string; url: string; headers?: Record<string, string>; body?: string | Uint8Array },
  scope: SigningScope,
): Record<string, string> {
  const url = new URL(request.url);
  const datetime = amzDate(scope.date ?? new Date());
  const headers: Record<string, string> = {
    ...lowerCased(request.headers ?? {}),
    host: url.host,
    'x-amz-date': datetime,
  };
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;
  if (scope.service === 's3') headers['x-amz-content-sha256'] ??= UNSIGNED_PAYLOAD;
  const payloadHash = headers['x-amz-content-sha256'] ?? sha256Hex(request.body ?? '');
  const signed = signature(request.method, url, headers, payloadHash, datetime, scope);
  headers['authorization'] =
    `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${credentialScope(datetime, scope)}, ` +
    `SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`;
  return headers;
}

/** A presigned URL: host and the given headers signed, the payload unsigned, valid `expiresIn` s. */
export function presignedUrl(
  request: { method: string; url: string; headers?: Record<string, string> },
  scope: SigningScope & { expiresIn: number },
): string {
  const url = new URL(request.url);
  const datetime = amzDate(scope.date ?? new Date());
  const headers: Record<string, string> = { ...lowerCased(request.headers ?? {}), host: url.host };
  const query = url.searchParams;
  query.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
  query.set('X-Amz-Credential', `${scope.credentials.accessKeyId}/${credentialScope(datetime, scope)}`);
  query.set('X-Amz-Date', datetime);
  query.set('X-Amz-Expires', String(scope.expiresIn));
  if (scope.credentials.sessionToken) query.set('X-Amz-Security-Token', scope.credentials.sessionToken);
  query.set('X-Amz-SignedHeaders', Object.keys(headers).sort().join(';'));
  query.set(
    'X-Amz-Signature',
    signature(request.method, url, headers, UNSIGNED_PAYLOAD, datetime, scope).signature,
  );
  return url.toString();
}
