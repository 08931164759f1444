import { describe, expect, it } from 'vitest';
import type { CloudAssembly, Template } from '../../../../local/cloud/assembly/cloud-assembly.ts';
import { createResolver } from '../../../../local/cloud/assembly/intrinsics.ts';
import { deriveEventSourceMappings } from '../../../../local/cloud/model/event-source-mappings.ts';

const settings = {
  account: '123456789012',
  region: 'eu-west-3',
  apiUrl: 'http://127.0.0.1:3000',
  identityUrl: 'http://127.0.0.1:3001',
};
const pattern = { eventName: ['REMOVE'], userIdentity: { type: ['Service'] } };

const data: Template = {
  Resources: {
    Protection: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
      },
    },
  },
  Outputs: {
    StreamArn: {
      Value: { 'Fn::GetAtt': ['Protection', 'StreamArn'] },
      Export: { Name: 'Data:ProtectionStreamArn' },
    },
  },
};
const service: Template = {
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'anonymizer' } },
    Queue: { Type: 'AWS::SQS::Queue' },
    Retention: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: 'Fn' },
        EventSourceArn: { 'Fn::ImportValue': 'Data:ProtectionStreamArn' },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRetryAttempts: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify(pattern) }] },
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
      },
    },
    FromQueue: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
    },
    Disabled: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: 'Fn' },
        EventSourceArn: { 'Fn::ImportValue': 'Data:ProtectionStreamArn' },
        StartingPosition: 'LATEST',
        Enabled: false,
      },
    },
  },
};
const assembly = {
  stacks: [
    { stackName: 'Data', template: data },
    { stackName: 'Service', template: service },
  ],
} as unknown as CloudAssembly;

describe('deriveEventSourceMappings', () => {
  it('reads DynamoDB stream mappings with their table, filters, batch and retry settings', () => {
    const { mappings } = deriveEventSourceMappings(createResolver(assembly, settings));
    expect(mappings).toEqual([
      {
        logicalId: 'Retention',
        stackName: 'Service',
        functionName: 'anonymizer',
        eventSourceArn: expect.stringMatching(
          /^arn:aws:dynamodb:eu-west-3:123456789012:table\/Data-Protection\/stream\//,
        ),
        tableName: 'Data-Protection',
        startingPosition: 'TRIM_HORIZON',
        batchSize: 10,
        filters: [pattern],
        maximumRetryAttempts: 10,
        reportBatchItemFailures: true,
        onFailureArn: expect.stringMatching(/^arn:aws:sqs:eu-west-3:/),
      },
    ]);
  });

  it('lists mappings of other sources and disabled ones as not run', () => {
    const { skipped } = deriveEventSourceMappings(createResolver(assembly, settings));
    expect(skipped).toEqual([
      { logicalId: 'FromQueue', reason: expect.stringContaining('not run locally') },
      { logicalId: 'Disabled', reason: 'disabled' },
    ]);
  });
});
