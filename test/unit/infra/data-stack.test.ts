import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseworkApp } from '#infra/casework-app.ts';

// Templates only: skip bundling the functions (an empty list of stacks to bundle) and CDK's
// built-in CloudFormation schema check, which only ever warns; both cost seconds per app.
// app-function.test.ts checks real bundles.
const FAST = { builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } };

let template: Template;
let keyIds: { data: string; protection: string };
let terminationProtection: boolean;

// Synthesis bundles the functions; under a loaded machine it can exceed the default hook timeout.
beforeAll(() => {
  const { data } = createCaseworkApp(FAST);
  terminationProtection = data.terminationProtection;
  template = Template.fromStack(data);
  keyIds = {
    data: data.getLogicalId(data.dataKey.node.defaultChild as CfnElement),
    protection: data.getLogicalId(data.protectionKey.node.defaultChild as CfnElement),
  };
}, 120_000);

const keyArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('DataStack', () => {
  it('is termination-protected', () => {
    expect(terminationProtection).toBe(true);
  });

  it('holds the five tables, each under a customer-managed key, with PITR, deletion protection and RETAIN', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(5);
    for (const table of Object.values(tables)) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties.SSESpecification.KMSMasterKeyId).toBeDefined();
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    }
  });

  it('gives the registry table pk/sk and the GSI1 and GSI2 indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'GSI2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
        }),
      ],
      SSESpecification: Match.objectLike({ KMSMasterKeyId: keyArn(keyIds.data) }),
    });
  });

  it('puts the protection table, alone, under the protection key', () => {
    const underProtectionKey = template.findResources('AWS::DynamoDB::Table', {
      Properties: { SSESpecification: { KMSMasterKeyId: keyArn(keyIds.protection) } },
    });
    expect(Object.keys(underProtectionKey)).toHaveLength(1);
    const [protection] = Object.values(underProtectionKey);
    expect(protection?.Properties.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({ IndexName: 'GSI1' }),
    ]);
  });

  it('keys the idempotency table on id with TTL on expiration', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('denies every principal changing or removing audit items', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      ResourcePolicy: {
        PolicyDocument: {
          Statement: [
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: Match.arrayWith([
                'dynamodb:BatchWriteItem',
                'dynamodb:DeleteItem',
                'dynamodb:UpdateItem',
              ]),
            }),
          ],
        },
      },
    });
  });

  it('rotates both keys and retains them', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(2);
    for (const key of Object.values(keys)) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('lets the protection key be used only by protection-path roles, only through DynamoDB', () => {
    const key = template.findResources('AWS::KMS::Key')[keyIds.protection];
    const statements = key?.Properties.KeyPolicy.Statement as {
      Sid: string;
      Action: string[] | string;
      Condition?: Record<string, Record<string, unknown>>;
    }[];
    const use = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
    const granting = statements.filter((s) => [s.Action].flat().some((action) => use.includes(action)));
    expect(granting.map((s) => s.Sid)).toEqual(['OnlyProtectionRolesUseTheKeyThroughDynamoDb']);
    const [only] = granting;
    expect(JSON.stringify(only?.Condition?.ArnLike?.['aws:PrincipalArn'])).toContain(':role/protection/*');
    expect(JSON.stringify(only?.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
    // No statement hands out kms:* (which would let any IAM policy decrypt).
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('kms:*');
  });

  it('keeps the data key administrable through IAM (default policy)', () => {
    const key = template.findResources('AWS::KMS::Key')[keyIds.data];
    expect(key?.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Action: 'kms:*', Effect: 'Allow' })]),
    );
  });

  it('encrypts, versions, blocks public access on and logs every data bucket', () => {
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true }] } },
    });
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn(keyIds.data) },
      });
    }
  });

  it('expires bulk-intake staging under work/ in the reports bucket, its old versions and unfinished uploads', () => {
    const [reports] = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (bucket) => bucket.Properties.LoggingConfiguration?.LogFilePrefix === 'reportsbucket/',
    );
    expect(reports?.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'ExpireBulkIntakeStaging',
          Prefix: 'work/',
          Status: 'Enabled',
          ExpirationInDays: 15,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
      ],
    });
  });

  it('aborts unfinished multipart uploads in the uploads bucket and expires no partner file', () => {
    const [uploads] = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (bucket) => bucket.Properties.LoggingConfiguration?.LogFilePrefix === 'uploadsbucket/',
    );
    expect(uploads?.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'AbortIncompleteUploads',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ],
    });
  });

  it('keeps access logs in an SSE-S3, private, retained bucket', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
      }),
    });
  });

  it('refuses plain HTTP and old TLS on all four buckets', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(4);
    for (const policy of Object.values(policies)) {
      const statements = policy.Properties.PolicyDocument.Statement as Record<string, unknown>[];
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      );
    }
  });

  it('backs up every table into a retained, encrypted vault', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EncryptionKeyArn: keyArn(keyIds.data) }),
    });
    const selection = Object.values(template.findResources('AWS::Backup::BackupSelection'))[0];
    expect(selection?.Properties.BackupSelection.Resources).toHaveLength(5);
  });
});
