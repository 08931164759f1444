import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Where the access-log bucket keeps server access logs before they expire. */
const ACCESS_LOG_RETENTION = Duration.days(400);

/** Fixed defaults for every bucket: nothing public, TLS only, retained when the stack goes. */
const COMMON = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
  autoDeleteObjects: false,
} as const;

/**
 * The bucket that receives S3 server access logs of the data buckets. Log delivery only writes
 * to SSE-S3 buckets, which is why this one alone is not under the customer-managed key.
 */
export function createAccessLogsBucket(scope: Construct, id: string): Bucket {
  return new Bucket(scope, id, {
    ...COMMON,
    encryption: BucketEncryption.S3_MANAGED,
    versioned: true,
    lifecycleRules: [{ expiration: ACCESS_LOG_RETENTION, noncurrentVersionExpiration: Duration.days(30) }],
  });
}

export interface DataBucketProps {
  readonly encryptionKey: IKey;
  readonly accessLogs: IBucket;
}

/**
 * A bucket that holds programme data: KMS-encrypted under the data key (with an S3 bucket key to
 * keep KMS calls, and cost, down), versioned, TLS only, private, with server access logs under
 * a prefix named after the bucket's id.
 */
export function createDataBucket(scope: Construct, id: string, props: DataBucketProps): Bucket {
  return new Bucket(scope, id, {
    ...COMMON,
    encryption: BucketEncryption.KMS,
    encryptionKey: props.encryptionKey,
    bucketKeyEnabled: true,
    versioned: true,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: `${id.toLowerCase()}/`,
  });
}
