import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { readCloudAssembly } from '../../../local/cloud/assembly/cloud-assembly.ts';
import { cloudClients } from './cloud-clients.ts';

const app = inject('appCloud');

/** Counts resources straight from the templates, independently of the local cloud's model. */
function countInTemplates(assemblyDir: string, ...types: string[]): number {
  return readCloudAssembly(assemblyDir)
    .stacks.flatMap((s) => Object.values(s.template.Resources ?? {}))
    .filter((r) => types.includes(r.Type)).length;
}

describe('the real app (infra/) on the local cloud', () => {
  it('starts, with every table, bucket and state machine of its templates present', async () => {
    if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
    const { dynamodb, s3, sfn } = cloudClients(app.endpoints);
    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(app.tableNames.length).toBe(
      countInTemplates(app.assemblyDir, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'),
    );
    expect(app.bucketNames.length).toBe(countInTemplates(app.assemblyDir, 'AWS::S3::Bucket'));
    expect(app.stateMachineArns.length).toBe(
      countInTemplates(app.assemblyDir, 'AWS::StepFunctions::StateMachine'),
    );
    expect(TableNames).toEqual(expect.arrayContaining(app.tableNames));
    expect(Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining(app.bucketNames));
    expect(stateMachines?.map((m) => m.stateMachineArn)).toEqual(
      expect.arrayContaining(app.stateMachineArns),
    );
  });
});
