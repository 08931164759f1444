/**
 * Stands in for `@aws-sdk/client-s3` in the Lambda bundles, as dynamodb-client.ts does for
 * DynamoDB (the reason and the departure from DESIGN.md decision 4 are stated there): the SDK's S3
 * client bundles 310 KB for one PutObject. The object operations the functions use, over S3's
 * REST API; input members it does not know are refused at `send`, never dropped in silence.
 */
import {
  callAws,
  endpointOf,
  middlewareStackStub,
  regionOf,
  type ServiceErrorShape,
  SmallClient,
  type SmallClientConfig,
  SmallServiceException,
  serviceError,
} from './aws-http.ts';

export class S3ServiceException extends SmallServiceException {}
export class NoSuchKey extends S3ServiceException {}
export class NotFound extends S3ServiceException {}
export class NoSuchBucket extends S3ServiceException {}

const EXCEPTIONS: Record<string, typeof S3ServiceException> = { NoSuchKey, NotFound, NoSuchBucket };

/** S3's canonical encoding of a key: each segment URI-encoded, `/` kept (RFC 3986). */
export const encodeKey = (key: string): string =>
  key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');

// As the SDK's endpoint rules: a bucket name that cannot be one DNS label (dots included, which
// TLS wildcard certificates do not cover) is addressed path-style.
const VIRTUAL_HOSTABLE = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * Where a bucket is addressed, as the SDK formats it: path-style under the endpoint (no trailing
 * slash), or the bucket's own host name (with one).
 */
export function bucketUrl(config: SmallClientConfig, bucket: string): string {
  const region = regionOf(config);
  const configured = endpointOf(config, 'S3', '');
  if (configured) return `${configured}/${bucket}`;
  return config.forcePathStyle || !VIRTUAL_HOSTABLE.test(bucket)
    ? `https://s3.${region}.amazonaws.com/${bucket}`
    : `https://${bucket}.s3.${region}.amazonaws.com/`;
}

export const objectUrl = (config: SmallClientConfig, bucket: string, key: string): string =>
  `${bucketUrl(config, bucket).replace(/\/$/, '')}/${encodeKey(key)}`;

/** Input members sent as headers, with the header each one becomes. */
const HEADER_MEMBERS: Record<string, string> = {
  ContentType: 'content-type',
  ContentLength: 'content-length',
  ContentDisposition: 'content-disposition',
  ContentEncoding: 'content-encoding',
  CacheControl: 'cache-control',
  ServerSideEncryption: 'x-amz-server-side-encryption',
  SSEKMSKeyId: 'x-amz-server-side-encryption-aws-kms-key-id',
  IfMatch: 'if-match',
  IfNoneMatch: 'if-none-match',
  Range: 'range',
};

export class UnsupportedInputError extends Error {
  constructor(operation: string, member: string) {
    super(`${operation}: input member ${member} is not supported by the bundled S3 client`);
    this.name = 'UnsupportedInputError';
  }
}

export function headersOf(operation: string, input: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [member, value] of Object.entries(input)) {
    if (value === undefined || member === 'Bucket' || member === 'Key' || member === 'Body') continue;
    if (member === 'Metadata') {
      for (const [name, metadata] of Object.entries(value as Record<string, string>)) {
        headers[`x-amz-meta-${name.toLowerCase()}`] = metadata;
      }
      continue;
    }
    const header = HEADER_MEMBERS[member];
    if (!header) throw new UnsupportedInputError(operation, member);
    headers[header] = String(value);
  }
  return headers;
}

const xmlValue = (xml: string, tag: string): string | undefined =>
  xml.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1];

// Without a body (HEAD), the SDK names the error after the status.
const STATUS_NAMES: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound' };

const errorCodeOf = (response: Response, body: string): string | undefined =>
  xmlValue(body, 'Code') ?? STATUS_NAMES[response.status];

/** Output members read from the response headers. */
function headerOutput(headers: Headers): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  const length = headers.get('content-length');
  if (length !== null) output['ContentLength'] = Number(length);
  const text: [string, string][] = [
    ['ContentType', 'content-type'],
    ['ETag', 'etag'],
    ['VersionId', 'x-amz-version-id'],
    ['ServerSideEncryption', 'x-amz-server-side-encryption'],
    ['CacheControl', 'cache-control'],
    ['ContentDisposition', 'content-disposition'],
    ['ContentEncoding', 'content-encoding'],
  ];
  for (const [member, header] of text) {
    const value = headers.get(header);
    if (value !== null) output[member] = value;
  }
  const modified = headers.get('last-modified');
  if (modified) output['LastModified'] = new Date(modified);
  const metadata: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  });
  output['Metadata'] = metadata;
  return output;
}

/** The SDK's streaming body mixin, over a fetch Response. */
function bodyOf(response: Response) {
  return {
    transformToByteArray: async () => new Uint8Array(await response.arrayBuffer()),
    transformToString: async (encoding = 'utf-8') =>
      new TextDecoder(encoding).decode(await response.arrayBuffer()),
    transformToWebStream: () => {
      if (!response.body) throw new Error('the response has no body');
      return response.body;
    },
  };
}

export class S3Client extends SmallClient {
  async send(command: S3Command): Promise<Record<string, unknown>> {
    const { Bucket, Key, Body } = command.input as {
      Bucket: string;
      Key: string;
      Body?: string | Uint8Array;
    };
    const { response, text, metadata } = await callAws(this.config, {
      service: 's3',
      method: command.method,
      url: objectUrl(this.config, Bucket, Key),
      headers: headersOf(command.operation, command.input),
      ...(Body === undefined ? {} : { body: Body }),
      errorCodeOf,
      keepBody: command.method === 'GET',
    });
    if (!response.ok) {
      const name = errorCodeOf(response, text ?? '') ?? 'UnknownError';
      const shape: ServiceErrorShape = {
        name,
        // The SDK's wording when S3 sends no body (HEAD).
        message: xmlValue(text ?? '', 'Message') ?? 'UnknownError',
        $fault: response.status >= 500 ? 'server' : 'client',
        $metadata: metadata,
      };
      // As the SDK: every member of <Error> but Message (which became `message`) stays on the error.
      for (const [, tag, value] of (text ?? '').matchAll(/<([A-Za-z]+)>([^<]*)<\/\1>/g)) {
        if (tag && tag !== 'Message') shape[tag] = value;
      }
      throw serviceError(EXCEPTIONS, S3ServiceException, shape);
    }
    const output: Record<string, unknown> = { ...headerOutput(response.headers), $metadata: metadata };
    if (command.method === 'GET') output['Body'] = bodyOf(response);
    if (command.method === 'PUT') {
      delete output['ContentLength'];
      delete output['Metadata'];
    }
    return output;
  }
}

export abstract class S3Command {
  abstract readonly operation: string;
  abstract readonly method: 'GET' | 'HEAD' | 'PUT';
  readonly middlewareStack = middlewareStackStub();
  constructor(readonly input: Record<string, unknown>) {}
}

export class GetObjectCommand extends S3Command {
  readonly operation = 'GetObject';
  readonly method = 'GET';
}
export class HeadObjectCommand extends S3Command {
  readonly operation = 'HeadObject';
  readonly method = 'HEAD';
}
export class PutObjectCommand extends S3Command {
  readonly operation = 'PutObject';
  readonly method = 'PUT';
}
