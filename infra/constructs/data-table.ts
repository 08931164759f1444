import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type StreamViewType,
  Table,
  TableEncryption,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import type { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/** Shape of a global secondary index on a pk/sk style table. */
export interface IndexKeys {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** A table together with what grants need to know about it: its key and its index names. */
export interface DataTable {
  readonly table: Table;
  readonly key: IKey;
  readonly indexNames: readonly string[];
}

/** What varies between the application's tables; everything else is fixed by {@link createDataTable}. */
export interface DataTableProps {
  readonly encryptionKey: IKey;
  /** Partition key name; the sort key is `sk` unless `sortKey` is `false`. */
  readonly partitionKey?: string;
  readonly sortKey?: string | false;
  readonly indexes?: readonly IndexKeys[];
  readonly timeToLiveAttribute?: string;
  /** A DynamoDB stream of the table's changes (for event source mappings). */
  readonly stream?: StreamViewType;
  readonly resourcePolicy?: PolicyDocument;
}

/**
 * A DynamoDB table with the defaults every table of this application must have: on-demand
 * billing, a customer-managed KMS key, point-in-time recovery, deletion protection and a
 * RETAIN removal policy, so that neither a stack deletion nor a replacement can lose data.
 */
export function createDataTable(scope: Construct, id: string, props: DataTableProps): DataTable {
  const sortKey = props.sortKey === undefined ? 'sk' : props.sortKey;
  const tableProps: TableProps = {
    partitionKey: { name: props.partitionKey ?? 'pk', type: AttributeType.STRING },
    ...(sortKey === false ? {} : { sortKey: { name: sortKey, type: AttributeType.STRING } }),
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: props.encryptionKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(props.timeToLiveAttribute ? { timeToLiveAttribute: props.timeToLiveAttribute } : {}),
    ...(props.stream ? { stream: props.stream } : {}),
    ...(props.resourcePolicy ? { resourcePolicy: props.resourcePolicy } : {}),
  };
  const table = new Table(scope, id, tableProps);
  for (const index of props.indexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
    });
  }
  return {
    table,
    key: props.encryptionKey,
    indexNames: (props.indexes ?? []).map((index) => index.indexName),
  };
}
