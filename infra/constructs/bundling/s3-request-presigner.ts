/**
 * Stands in for `@aws-sdk/s3-request-presigner` in the Lambda bundles, over the small S3 client
 * (s3-client.ts; dynamodb-client.ts states the departure from DESIGN.md decision 4). A presigned
 * URL is SigV4 in the query string (sigv4.ts), signed as the SDK signs it: host and
 * the request's headers, `content-type` only when asked for, `x-amz-*` headers hoisted into the
 * query, the payload unsigned, `x-id=<Operation>` in the query.
 */
import { credentialsOf, regionOf } from './aws-http.ts';
import { headersOf, objectUrl, type S3Client, type S3Command } from './s3-client.ts';
import { presignedUrl } from './sigv4.ts';

export interface PresignOptions {
  /** Seconds; the SDK's default is 900. */
  expiresIn?: number;
  /** Headers to sign although the SDK leaves them out by default (`content-type`). */
  signableHeaders?: Set<string>;
}

export async function getSignedUrl(
  client: S3Client,
  command: S3Command,
  options: PresignOptions = {},
): Promise<string> {
  const { Bucket, Key } = command.input as { Bucket: string; Key: string };
  const url = new URL(objectUrl(client.config, Bucket, Key));
  url.searchParams.set('x-id', command.operation);
  url.searchParams.set('X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(headersOf(command.operation, command.input))) {
    if (name.startsWith('x-amz-') && !name.startsWith('x-amz-server-side-encryption')) {
      url.searchParams.set(name, value);
    } else if (name !== 'content-type' || options.signableHeaders?.has('content-type')) {
      headers[name] = value;
    }
  }
  return presignedUrl(
    { method: command.method, url: url.toString(), headers },
    {
      service: 's3',
      region: regionOf(client.config),
      credentials: credentialsOf(client.config),
      expiresIn: options.expiresIn ?? 900,
    },
  );
}
