/**
 * Stands in for `@aws-sdk/s3-presigned-post` in the Lambda bundles (s3-client.ts;
 * dynamodb-client.ts states the departure from DESIGN.md decision 4). A presigned POST is a
 * policy document, base64, and its SigV4 signature: HMAC-SHA256 of the base64 policy with the
 * day's signing key. Same fields, same policy and same URL as the SDK's.
 */
import { createHmac } from 'node:crypto';
import { credentialsOf, regionOf } from './aws-http.ts';
import { bucketUrl, type S3Client } from './s3-client.ts';
import { signingKey } from './sigv4.ts';

type Condition = Record<string, string> | [string, string, string] | [string, number, number] | unknown[];

export interface PresignedPostOptions {
  Bucket: string;
  Key: string;
  Conditions?: Condition[];
  Fields?: Record<string, string>;
  /** Seconds; the SDK's default is 3600. */
  Expires?: number;
}

/** S3's own placeholder for the uploaded file's name, not a template. */
const FILENAME = '$' + '{filename}';
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export async function createPresignedPost(
  client: S3Client,
  { Bucket, Key, Conditions = [], Fields = {}, Expires = 3600 }: PresignedPostOptions,
): Promise<{ url: string; fields: Record<string, string> }> {
  const now = new Date();
  const signingDate = iso8601(now).replace(/[-:]/g, '');
  const shortDate = signingDate.slice(0, 8);
  const region = regionOf(client.config);
  const credentials = credentialsOf(client.config);
  const fields: Record<string, string> = {
    ...Fields,
    bucket: Bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${shortDate}/${region}/s3/aws4_request`,
    'X-Amz-Date': signingDate,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  // The SDK's order and its de-duplication (a set of the JSON texts).
  const conditions = new Set<string>(Conditions.map((condition) => JSON.stringify(condition)));
  for (const [name, value] of Object.entries(fields)) conditions.add(JSON.stringify({ [name]: value }));
  conditions.add(
    Key.endsWith(FILENAME)
      ? JSON.stringify(['starts-with', '$key', Key.slice(0, Key.lastIndexOf(FILENAME))])
      : JSON.stringify({ key: Key }),
  );
  const policy = Buffer.from(
    JSON.stringify({
      expiration: iso8601(new Date(now.valueOf() + Expires * 1000)),
      conditions: [...conditions].map((condition) => JSON.parse(condition) as unknown),
    }),
    'utf8',
  ).toString('base64');
  const key = signingKey(credentials.secretAccessKey, shortDate, region, 's3');
  return {
    url: bucketUrl(client.config, Bucket),
    fields: {
      ...fields,
      key: Key,
      Policy: policy,
      'X-Amz-Signature': hmac(key, policy).toString('hex'),
    },
  };
}
