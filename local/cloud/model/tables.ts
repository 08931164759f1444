import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

export interface KeyElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface TableIndex {
  IndexName: string;
  KeySchema: KeyElement[];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

export interface TableModel {
  logicalId: string;
  stackName: string;
  tableName: string;
  attributeDefinitions: { AttributeName: string; AttributeType: string }[];
  keySchema: KeyElement[];
  globalSecondaryIndexes: TableIndex[];
  localSecondaryIndexes: TableIndex[];
  timeToLiveAttribute?: string;
  streamViewType?: string;
}

/** Tables of `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` (CDK's TableV2), keys and indexes as declared. */
export function deriveTables(resolver: Resolver): TableModel[] {
  return resourcesOfType(resolver, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable').map((found) => {
    const ttl = found.prop<{ AttributeName?: string; Enabled?: boolean }>('TimeToLiveSpecification');
    const stream = found.prop<{ StreamViewType?: string; StreamEnabled?: boolean }>('StreamSpecification');
    const index = (raw: TableIndex): TableIndex => ({
      IndexName: raw.IndexName,
      KeySchema: raw.KeySchema,
      Projection: raw.Projection ?? { ProjectionType: 'ALL' },
    });
    const model: TableModel = {
      logicalId: found.logicalId,
      stackName: found.stackName,
      tableName: resolver.identity(found.stackName, found.logicalId).ref,
      attributeDefinitions: found.prop('AttributeDefinitions') ?? [],
      keySchema: found.prop('KeySchema') ?? [],
      globalSecondaryIndexes: (found.prop<TableIndex[]>('GlobalSecondaryIndexes') ?? []).map(index),
      localSecondaryIndexes: (found.prop<TableIndex[]>('LocalSecondaryIndexes') ?? []).map(index),
    };
    if (ttl?.AttributeName && ttl.Enabled !== false) model.timeToLiveAttribute = ttl.AttributeName;
    if (stream?.StreamViewType) model.streamViewType = stream.StreamViewType;
    return model;
  });
}
