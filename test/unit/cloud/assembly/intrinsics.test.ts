// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation ${} placeholders, not template literals
import { describe, expect, it } from 'vitest';
import type { CloudAssembly } from '../../../../local/cloud/assembly/cloud-assembly.ts';
import { createResolver } from '../../../../local/cloud/assembly/intrinsics.ts';

const settings = {
  account: '123456789012',
  region: 'us-east-1',
  apiUrl: 'http://127.0.0.1:3000',
  identityUrl: 'http://127.0.0.1:3001',
};

const assembly: CloudAssembly = {
  dir: '/nowhere',
  assets: new Map(),
  stacks: [
    {
      stackName: 'Data',
      dir: '/nowhere',
      template: {
        Parameters: { Stage: { Type: 'String', Default: 'dev' } },
        Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } },
        Resources: {
          Registry: {
            Type: 'AWS::DynamoDB::Table',
            Properties: { TableName: { 'Fn::Sub': '${AWS::StackName}-registry' } },
          },
          Unnamed: { Type: 'AWS::DynamoDB::Table', Properties: {} },
          Uploads: { Type: 'AWS::S3::Bucket' },
          Key: { Type: 'AWS::KMS::Key' },
        },
        Outputs: {
          ExportRegistry: { Value: { Ref: 'Registry' }, Export: { Name: 'Data:ExportsOutputRefRegistry' } },
        },
      },
    },
    {
      stackName: 'Service',
      dir: '/nowhere',
      template: {
        Resources: {
          Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
          Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
          Pool: { Type: 'AWS::Cognito::UserPool' },
        },
      },
    },
  ],
};

describe('createResolver', () => {
  const resolver = createResolver(assembly, settings);
  const resolve = (value: unknown, stack = 'Service') => resolver.resolve(stack, value);

  it('resolves Ref to local physical names, and pseudo parameters to the fake account and region', () => {
    expect(resolve({ Ref: 'Unnamed' }, 'Data')).toBe('Data-Unnamed');
    expect(resolve({ Ref: 'Registry' }, 'Data')).toBe('Data-registry');
    expect(resolve({ Ref: 'Uploads' }, 'Data')).toBe('data-uploads');
    expect(resolve(['${AWS::Region}', { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Partition' }])).toEqual([
      '${AWS::Region}',
      '123456789012',
      'aws',
    ]);
  });

  it('resolves Fn::GetAtt in both notations', () => {
    expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:Service-Fn',
    );
    expect(resolve({ 'Fn::GetAtt': 'Flow.Name' })).toBe('Service-Flow');
    expect(resolve({ Ref: 'Flow' })).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Service-Flow');
    expect(resolve({ 'Fn::GetAtt': ['Key', 'Arn'] }, 'Data')).toMatch(
      /^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/,
    );
  });

  it('resolves Fn::Join, Fn::Sub (with variables and attributes), Fn::Select and Fn::Split', () => {
    expect(
      resolve({
        'Fn::Join': [
          '',
          ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'Pool' }],
        ],
      }),
    ).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${resolve({ Ref: 'Pool' })}`);
    expect(resolve({ 'Fn::Sub': ['${Fn.Arn}:${Alias}/${!Literal}', { Alias: 'live' }] })).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:Service-Fn:live/${Literal}',
    );
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] })).toBe('b');
  });

  it('resolves Fn::ImportValue through the exporting stack', () => {
    expect(resolve({ 'Fn::ImportValue': 'Data:ExportsOutputRefRegistry' })).toBe('Data-registry');
  });

  it('evaluates conditions and drops AWS::NoValue', () => {
    expect(resolve({ 'Fn::If': ['IsDev', 'small', 'large'] }, 'Data')).toBe('small');
    expect(resolve({ a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }] })).toEqual({ b: [1] });
  });

  it('derives user pool ids that look like Cognito ids and stay the same across resolvers', () => {
    const id = resolve({ Ref: 'Pool' });
    expect(id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(createResolver(assembly, settings).resolve('Service', { Ref: 'Pool' })).toBe(id);
  });

  it('refuses what it cannot resolve, naming it', () => {
    expect(() => resolve({ Ref: 'Missing' })).toThrow(/resource Missing in stack Service/);
    expect(() => resolve({ 'Fn::ImportValue': 'Nope' })).toThrow(/Fn::ImportValue Nope/);
    expect(() => resolve({ 'Fn::GetAtt': ['Fn', 'Nonsense'] })).toThrow(/Fn::GetAtt Fn.Nonsense/);
  });
});
