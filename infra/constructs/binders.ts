import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';
import type { AppFunction } from './app-function.ts';
import type { DataTable } from './data-table.ts';
import { acknowledgeWildcardResources } from './nag-acknowledgments.ts';

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Encrypt', 'kms:GenerateDataKey'];

/** `append`: read and add items, never change or remove one (the audit table's writers). */
export type TableAccess = 'read' | 'append' | 'readWrite';
export type BucketAccess = 'read' | 'write' | 'readWrite';

/** Something that holds a role and an environment: an {@link AppFunction}. */
export interface Bindable extends IConstruct {
  readonly role: IRole;
  addEnvironment(name: string, value: string): void;
}

/**
 * Grants a role the use of a table. Statements name the table and each of its indexes, never
 * `index/*`, and list KMS actions without wildcards, so a table grant needs no nag acknowledgment.
 */
export function grantTable(role: IRole, dataTable: DataTable, access: TableAccess): void {
  const { table, key, indexNames } = dataTable;
  const write = access !== 'read';
  const tableActions = {
    read: TABLE_READ,
    append: [...TABLE_READ, 'dynamodb:PutItem'],
    readWrite: [...TABLE_READ, ...TABLE_WRITE],
  };
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: tableActions[access],
      resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: write ? [...KEY_READ, ...KEY_WRITE] : KEY_READ, resources: [key.keyArn] }),
  );
}

/**
 * Grants a role object access under a prefix. Object ARNs need a trailing wildcard (keys are
 * created at run time); that one finding is acknowledged on the role, naming the prefix.
 */
export function grantBucket(role: IRole, bucket: IBucket, access: BucketAccess, prefix = ''): void {
  const actions = [
    ...(access === 'write' ? [] : ['s3:GetObject', 's3:GetObjectVersion']),
    ...(access === 'read' ? [] : ['s3:PutObject']),
  ];
  const statement = new PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] });
  role.addToPrincipalPolicy(statement);
  const key = bucket.encryptionKey;
  if (key) {
    const keyActions = [...(access === 'write' ? [] : KEY_READ), ...(access === 'read' ? [] : KEY_WRITE)];
    role.addToPrincipalPolicy(new PolicyStatement({ actions: keyActions, resources: [key.keyArn] }));
  }
  acknowledgeWildcardResources(
    role,
    statement,
    `Object keys are created at run time, so object access is granted on the "${prefix || '(whole bucket)'}" prefix with a trailing wildcard; the actions are listed without wildcards.`,
  );
}

export interface TableBinding {
  readonly table: DataTable;
  readonly access: TableAccess;
  /** Environment variable that receives the table name, e.g. `REGISTRY_TABLE`. */
  readonly envName: string;
}

/** Lets the function use a table and tells it the table's name. */
export function bindTable(fn: Bindable, binding: TableBinding): void {
  grantTable(fn.role, binding.table, binding.access);
  fn.addEnvironment(binding.envName, binding.table.table.tableName);
}

export interface BucketBinding {
  readonly bucket: IBucket;
  readonly access: BucketAccess;
  readonly envName: string;
  /** Key prefix the function may touch, e.g. `uploads/`; the whole bucket when omitted. */
  readonly prefix?: string;
}

/** Lets the function read and/or write objects under a prefix and tells it the bucket's name. */
export function bindBucket(fn: Bindable, binding: BucketBinding): void {
  grantBucket(fn.role, binding.bucket, binding.access, binding.prefix);
  fn.addEnvironment(binding.envName, binding.bucket.bucketName);
}

export interface StateMachineBinding {
  readonly stateMachine: IStateMachine;
  /** `start` to start executions; `taskResponse` to answer `.waitForTaskToken` tasks. */
  readonly access: 'start' | 'taskResponse';
  readonly envName: string;
}

/** Lets the function start (or answer the callbacks of) a workflow and tells it the ARN. */
export function bindStateMachine(fn: Bindable, binding: StateMachineBinding): void {
  if (binding.access === 'start') binding.stateMachine.grantStartExecution(fn.role);
  else binding.stateMachine.grantTaskResponse(fn.role);
  fn.addEnvironment(binding.envName, binding.stateMachine.stateMachineArn);
}
