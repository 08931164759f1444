import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { createDataTable, type DataTable } from './constructs/data-table.ts';
import { createDataKey, createProtectionKey } from './constructs/keys.ts';
import { createAccessLogsBucket, createDataBucket } from './constructs/secure-bucket.ts';
import { TableBackups } from './constructs/table-backups.ts';

/**
 * Bulk intake stages each file's normalized rows and the Map's item list in the reports bucket
 * under `work/<uploadId>/` (functions/adapters/uploads/keys.ts), and nothing deletes them. They
 * hold personal data, so they go as soon as no run can need them: a failed Standard execution can
 * be redriven for 14 days after it ends, and a redriven Map reads them again, hence 15 days.
 */
export const STAGING_PREFIX = 'work/';
export const STAGING_RETENTION = Duration.days(15);

/** TTL attribute of the protection table (epoch seconds): the GBV retention markers' expiry. */
export const PROTECTION_TTL_ATTRIBUTE = 'expiration';

const PK_SK_GSI1 = { indexName: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;
const PK_SK_GSI2 = { indexName: 'GSI2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' } as const;

/** Audit items are written once: nobody, whatever their IAM policy says, changes or removes one. */
const AUDIT_APPEND_ONLY = new PolicyDocument({
  statements: [
    new PolicyStatement({
      sid: 'AuditItemsAreNeverChangedOrRemoved',
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      // BatchWriteItem is denied too because it can carry deletes, which IAM does not see apart.
      actions: [
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PartiQLUpdate',
        'dynamodb:PartiQLDelete',
        'dynamodb:DeleteTable',
      ],
      resources: ['*'],
    }),
  ],
});

/** The stateful half of the application: keys, tables and buckets. Nothing here is ever replaced by a code deploy. */
export class DataStack extends Stack {
  readonly dataKey: Key;
  readonly protectionKey: Key;
  readonly registry: DataTable;
  readonly protection: DataTable;
  readonly idempotency: DataTable;
  readonly audit: DataTable;
  readonly config: DataTable;
  readonly accessLogs: Bucket;
  readonly uploads: Bucket;
  readonly documents: Bucket;
  readonly reports: Bucket;
  readonly backups: TableBackups;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { terminationProtection: true, ...props });
    this.dataKey = createDataKey(
      this,
      'DataKey',
      'Programme data: registry, idempotency, audit, config and buckets',
    );
    this.protectionKey = createProtectionKey(this, 'ProtectionKey');

    const encryptionKey = this.dataKey;
    this.registry = createDataTable(this, 'RegistryTable', {
      encryptionKey,
      indexes: [PK_SK_GSI1, PK_SK_GSI2],
    });
    this.protection = createDataTable(this, 'ProtectionTable', {
      encryptionKey: this.protectionKey,
      indexes: [PK_SK_GSI1],
      // Closed cases carry a retention marker that TTL removes; its removal, read from the
      // stream, starts the case's anonymization. Keys only: the stream never repeats case data.
      timeToLiveAttribute: PROTECTION_TTL_ATTRIBUTE,
      stream: StreamViewType.KEYS_ONLY,
    });
    this.idempotency = createDataTable(this, 'IdempotencyTable', {
      encryptionKey,
      partitionKey: 'id',
      sortKey: false,
      timeToLiveAttribute: 'expiration',
    });
    this.audit = createDataTable(this, 'AuditTable', { encryptionKey, resourcePolicy: AUDIT_APPEND_ONLY });
    this.config = createDataTable(this, 'ConfigTable', { encryptionKey });
    this.backups = new TableBackups(this, 'TableBackups', {
      tables: [this.registry, this.protection, this.idempotency, this.audit, this.config],
      vaultKey: this.dataKey,
    });

    this.accessLogs = createAccessLogsBucket(this, 'AccessLogsBucket');
    Validations.of(this.accessLogs).acknowledge(
      {
        id: 'AwsSolutions-S1',
        reason: 'This is the server access log bucket itself; logging it into itself would loop.',
      },
      {
        id: 'HIPAA.Security-S3DefaultEncryptionKMS',
        reason: 'S3 server access log delivery writes only to buckets encrypted with SSE-S3, not SSE-KMS.',
      },
    );
    const bucketProps = { encryptionKey, accessLogs: this.accessLogs };
    this.uploads = createDataBucket(this, 'UploadsBucket', bucketProps);
    this.documents = createDataBucket(this, 'DocumentsBucket', bucketProps);
    this.reports = createDataBucket(this, 'ReportsBucket', bucketProps);
    this.reports.addLifecycleRule({
      id: 'ExpireBulkIntakeStaging',
      prefix: STAGING_PREFIX,
      expiration: STAGING_RETENTION,
      // Versioned bucket: expiry leaves a delete marker and the data as a noncurrent version.
      noncurrentVersionExpiration: Duration.days(1),
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    });
    // Partners upload large files with their own roles, possibly in parts; abandoned parts hold
    // personal data nobody can see in a listing.
    this.uploads.addLifecycleRule({
      id: 'AbortIncompleteUploads',
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    });
    for (const bucket of [this.accessLogs, this.uploads, this.documents, this.reports]) {
      Validations.of(bucket).acknowledge({
        id: 'HIPAA.Security-S3BucketReplicationEnabled',
        reason:
          'Programme data stays in the deployment region (data-sharing agreements with partners and host-government rules on beneficiary data); durability comes from S3 itself, versioning and RETAIN, not from a copy in another region.',
      });
    }
  }
}
