import { DescribeTableCommand, DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { cloudClients } from './cloud-clients.ts';

const cloud = inject('fixtureCloud');
const { dynamodb, s3, sfn } = cloudClients(cloud.endpoints);

describe('local cloud resources from the fixture assembly', () => {
  it('creates every table of the template, with its GSI and TTL', async () => {
    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining(cloud.tableNames));
    const tableName = cloud.tableNames[0]!;
    expect(tableName).toBe('FixtureData-Items5C12978B');
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['GSI1']);
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('creates every bucket of the template', async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining(cloud.bucketNames));
    expect(cloud.bucketNames).toEqual(['fixtureservice-uploads4f6eb0fd', 'fixtureservice-inboxa8e05dc3']);
  });

  it('loads every state machine, with definition substitutions resolved to local ARNs', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((m) => m.stateMachineArn)).toEqual(
      expect.arrayContaining(cloud.stateMachineArns),
    );
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: cloud.stateMachineArns[0] }),
    );
    const definition = JSON.parse(described.definition!);
    expect(definition.States['Call echo'].Parameters.FunctionName).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:FixtureService-Echo11F3FB29',
    );
    expect(definition.States['Tag result'].Parameters.table).toBe('FixtureData-Items5C12978B');
  });
});
