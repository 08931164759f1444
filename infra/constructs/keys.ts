import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRootPrincipal, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { PROTECTION_ROLE_PATH } from './app-function.ts';

/**
 * The key for programme data (registry, idempotency, audit, config tables and the buckets).
 * Its policy is CDK's default: the account administers it and IAM policies grant its use, so
 * each function's role says exactly which data it may decrypt.
 */
export function createDataKey(scope: Construct, id: string, description: string): Key {
  return new Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

// Administration without use: the account can manage, describe, rotate and schedule deletion of
// the key, but nothing here lets an IAM policy alone encrypt or decrypt with it.
const KEY_ADMINISTRATION = [
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:UpdateAlias',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:GetKeyRotationStatus',
  'kms:RotateKeyOnDemand',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:RevokeGrant',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

const DATA_USE = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/**
 * The key of the protection (GBV) table. Unlike the data key, the key policy itself decides who
 * may use it: only roles under the {@link PROTECTION_ROLE_PATH} IAM path, only through DynamoDB,
 * only from this account. An administrator's IAM policy cannot widen that, because the account
 * is trusted for administration only.
 */
export function createProtectionKey(scope: Construct, id: string): Key {
  const viaDynamoDb = {
    'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com`,
    'kms:CallerAccount': Aws.ACCOUNT_ID,
  };
  const policy = new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'AccountAdministersButDoesNotUseTheKey',
        principals: [new AccountRootPrincipal()],
        actions: KEY_ADMINISTRATION,
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'DynamoDbMayCreateGrantsForTheProtectionTable',
        principals: [new AccountRootPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
          StringEquals: viaDynamoDb,
        },
      }),
      new PolicyStatement({
        sid: 'OnlyProtectionRolesUseTheKeyThroughDynamoDb',
        principals: [new AccountRootPrincipal()],
        actions: DATA_USE,
        resources: ['*'],
        conditions: {
          StringEquals: viaDynamoDb,
          ArnLike: {
            'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role${PROTECTION_ROLE_PATH}*`,
          },
        },
      }),
    ],
  });
  return new Key(scope, id, {
    description: 'Protection (GBV) case data: usable only by protection roles through DynamoDB',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    policy,
  });
}

/**
 * The key for the application's CloudWatch log groups (functions, workflows, API access logs).
 * CloudWatch Logs may use it only for log groups of this account and region.
 */
export function createLogsKey(scope: Construct, id: string): Key {
  const key = new Key(scope, id, {
    description: 'CloudWatch log groups of the casework service',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:DescribeKey',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
        },
      },
    }),
  );
  return key;
}
