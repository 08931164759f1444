import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseworkApp } from '#infra/casework-app.ts';
import { PROTECTION_ROLE_PATH } from '#infra/constructs/app-function.ts';
import { DEFAULT_GBV_RETENTION_DAYS } from '#infra/constructs/gbv-retention.ts';
import { PROTECTION_TTL_ATTRIBUTE } from '#infra/data-stack.ts';
import { TTL_ATTRIBUTE } from '../../../functions/gbv/retention/retention-marker.ts';

// Templates only, as in service-stack.test.ts: no bundling, no CloudFormation schema check.
const FAST = { builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } };

let data: Template;
let service: Template;
let protectionTableId: string;

beforeAll(() => {
  const app = createCaseworkApp(FAST);
  data = Template.fromStack(app.data);
  service = Template.fromStack(app.service);
  protectionTableId = app.data.getLogicalId(app.data.protection.table.node.defaultChild as CfnElement);
}, 120_000);

type Resource = { Properties: Record<string, unknown> };
const only = (template: Template, type: string, props: Record<string, unknown> = {}) => {
  const found = Object.entries(template.findResources(type, { Properties: props })) as [string, Resource][];
  expect(found).toHaveLength(1);
  return found[0]!;
};
const anonymizer = () =>
  only(service, 'AWS::Lambda::Function', {
    Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'gbv' }) },
    Timeout: 60,
  });
const closeCaseEnv = (template: Template) =>
  Object.values(template.findResources('AWS::Lambda::Function'))
    .map((fn) => (fn as Resource).Properties.Environment as { Variables: Record<string, unknown> })
    .find((env) => env.Variables.GBV_RETENTION_DAYS !== undefined)?.Variables;

describe('GBV retention infrastructure', () => {
  it('gives the protection table a TTL on the marker attribute and a keys-only stream', () => {
    expect(PROTECTION_TTL_ATTRIBUTE).toBe(TTL_ATTRIBUTE);
    const protection = data.toJSON().Resources[protectionTableId] as Resource;
    expect(protection.Properties).toMatchObject({
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
    // No other table streams its changes.
    const [id] = only(data, 'AWS::DynamoDB::Table', { StreamSpecification: Match.anyValue() });
    expect(id).toBe(protectionTableId);
  });

  it('subscribes the anonymizer to TTL removals of retention markers only', () => {
    const [fnId] = anonymizer();
    const [, mapping] = only(service, 'AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: fnId },
      EventSourceArn: { 'Fn::ImportValue': expect.stringContaining('StreamArn') },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] } },
      },
    });
    const filters = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([
      {
        eventName: ['REMOVE'],
        userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
        dynamodb: { Keys: { sk: { S: ['RETENTION'] } } },
      },
    ]);
  });

  it('runs the anonymizer under the /protection/ role path, the only roles the protection key admits', () => {
    const [, fn] = anonymizer();
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = service.toJSON().Resources[roleId];
    expect(role.Properties.Path).toBe(PROTECTION_ROLE_PATH);
    const policies = Object.values(service.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(roleId),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement) as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:DescribeStream',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'kms:Decrypt',
      ]),
    );
    const streamRead = statements.find((s) => JSON.stringify(s.Action).includes('GetRecords'))!;
    expect(JSON.stringify(streamRead.Resource)).toContain('StreamArn');
  });

  it('passes the retention period to the close-case task: 365 days by default, or the gbvRetentionDays context', () => {
    expect(closeCaseEnv(service)).toMatchObject({ GBV_RETENTION_DAYS: String(DEFAULT_GBV_RETENTION_DAYS) });
    const custom = createCaseworkApp({ ...FAST, context: { ...FAST.context, gbvRetentionDays: '730' } });
    expect(closeCaseEnv(Template.fromStack(custom.service))).toMatchObject({ GBV_RETENTION_DAYS: '730' });
  });

  it('refuses a retention period that is not a positive number of days', () => {
    expect(() =>
      createCaseworkApp({ ...FAST, context: { ...FAST.context, gbvRetentionDays: 'forever' } }),
    ).toThrow(/gbvRetentionDays/);
  });
});
