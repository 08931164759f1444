// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation ${} placeholders, not template literals
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CloudAssembly, Template } from '../../../../local/cloud/assembly/cloud-assembly.ts';
import { deriveLocalCloudModel } from '../../../../local/cloud/model/local-cloud-model.ts';

const settings = {
  account: '123456789012',
  region: 'eu-west-3',
  apiUrl: 'http://127.0.0.1:3000',
  identityUrl: 'http://127.0.0.1:3001',
};
const fnArn = { 'Fn::GetAtt': ['Ingest', 'Arn'] };

const template: Template = {
  Resources: {
    Registry: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      },
    },
    Native: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'native-bucket',
        VersioningConfiguration: { Status: 'Enabled' },
        NotificationConfiguration: {
          LambdaConfigurations: [
            {
              Event: 's3:ObjectCreated:Put',
              Function: fnArn,
              Filter: { S3Key: { Rules: [{ Name: 'suffix', Value: '.csv' }] } },
            },
          ],
          EventBridgeConfiguration: { EventBridgeEnabled: true },
        },
      },
    },
    Managed: { Type: 'AWS::S3::Bucket' },
    ManagedNotifications: {
      Type: 'Custom::S3BucketNotifications',
      Properties: {
        BucketName: { Ref: 'Managed' },
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
              LambdaFunctionArn: fnArn,
            },
          ],
        },
      },
    },
    Ingest: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Code: { S3Key: 'abc.zip' },
        Timeout: 30,
        MemorySize: 512,
        ReservedConcurrentExecutions: 5,
        DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-3:123456789012:dlq' },
        Environment: {
          Variables: { REGISTRY_TABLE: { Ref: 'Registry' }, FLOW_ARN: { Ref: 'Flow' }, STATIC: 'x' },
        },
      },
    },
    Python: {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'python3.13', Code: { ZipFile: 'pass' } },
    },
    Flow: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: 'intake',
        DefinitionString: {
          'Fn::Join': [
            '',
            [
              '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"',
              fnArn,
              '","Next":"B"},"B":{"Type":"Pass","Result":"${Table}","End":true}}}',
            ],
          ],
        },
        DefinitionSubstitutions: { Table: { Ref: 'Registry' } },
      },
    },
    FromFile: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionS3Location: { Bucket: 'assets', Key: 'def.json' },
        DefinitionSubstitutions: { Fn: fnArn },
      },
    },
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
    Group: {
      Type: 'AWS::Cognito::UserPoolGroup',
      Properties: { UserPoolId: { Ref: 'Pool' }, GroupName: 'supervisor' },
    },
    Api: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: 'casework',
        ProtocolType: 'HTTP',
        CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['GET'] },
      },
    },
    Stage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: {
        ApiId: { Ref: 'Api' },
        StageName: 'v1',
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      },
    },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'Api' },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: fnArn,
        PayloadFormatVersion: '2.0',
      },
    },
    Authorizer: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: { Ref: 'Api' },
        AuthorizerType: 'JWT',
        Name: 'cognito',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: 'Client' }],
          Issuer: { 'Fn::GetAtt': ['Pool', 'ProviderURL'] },
        },
      },
    },
    Route: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'Api' },
        RouteKey: 'POST /households/{id}',
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: 'Authorizer' },
        AuthorizationScopes: ['casework/write'],
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
      },
    },
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: ['aws.s3'], detail: { bucket: { name: [{ Ref: 'Native' }] } } },
        Targets: [{ Id: 't1', Arn: { Ref: 'Flow' } }],
      },
    },
  },
};

function assemblyWith(t: Template): CloudAssembly {
  const dir = mkdtempSync(join(tmpdir(), 'model-test-'));
  mkdirSync(join(dir, 'asset.abc'));
  writeFileSync(join(dir, 'asset.abc', 'index.mjs'), 'export const handler = async () => 1;');
  writeFileSync(
    join(dir, 'asset.def.json'),
    '{"StartAt":"Go","States":{"Go":{"Type":"Task","Resource":"${Fn}","End":true}}}',
  );
  return {
    dir,
    stacks: [{ stackName: 'App', template: t, dir }],
    assets: new Map([
      ['abc.zip', join(dir, 'asset.abc')],
      ['def.json', join(dir, 'asset.def.json')],
    ]),
  };
}

describe('deriveLocalCloudModel', () => {
  const model = deriveLocalCloudModel(assemblyWith(template), settings);
  const ingestArn = 'arn:aws:lambda:eu-west-3:123456789012:function:App-Ingest';

  it('reads global tables with their indexes, TTL and stream', () => {
    expect(model.tables).toEqual([
      expect.objectContaining({
        tableName: 'App-Registry',
        keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        globalSecondaryIndexes: [
          expect.objectContaining({ IndexName: 'GSI1', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        ],
        timeToLiveAttribute: 'expiration',
        streamViewType: 'NEW_IMAGE',
      }),
    ]);
  });

  it('reads notifications from the bucket itself and from CDK’s custom resource', () => {
    const native = model.buckets.find((b) => b.bucketName === 'native-bucket')!;
    expect(native).toMatchObject({ versioned: true, eventBridgeEnabled: true });
    expect(native.notifications).toEqual([
      { events: ['s3:ObjectCreated:Put'], suffix: '.csv', functionArn: ingestArn },
    ]);
    const managed = model.buckets.find((b) => b.bucketName === 'app-managed')!;
    expect(managed.notifications).toEqual([
      { events: ['s3:ObjectCreated:*'], prefix: 'uploads/', functionArn: ingestArn },
    ]);
  });

  it('runs Node.js functions from their asset with the resolved environment, and skips the rest', () => {
    expect(model.functions).toEqual([
      expect.objectContaining({
        functionName: 'App-Ingest',
        arn: ingestArn,
        handlerName: 'handler',
        timeoutSeconds: 30,
        memoryMb: 512,
        reservedConcurrency: 5,
        deadLetterTargetArn: 'arn:aws:sqs:eu-west-3:123456789012:dlq',
        environment: {
          REGISTRY_TABLE: 'App-Registry',
          FLOW_ARN: 'arn:aws:states:eu-west-3:123456789012:stateMachine:intake',
          STATIC: 'x',
        },
      }),
    ]);
    expect(model.functions[0]!.modulePath).toMatch(/asset\.abc\/index\.mjs$/);
    expect(model.skippedFunctions).toEqual([
      { stackName: 'App', logicalId: 'Python', reason: 'runtime python3.13' },
    ]);
  });

  it('applies definition substitutions to inline and file definitions', () => {
    const intake = model.stateMachines.find((m) => m.name === 'intake')!;
    expect(JSON.parse(intake.definition).States.A.Resource).toBe(ingestArn);
    expect(JSON.parse(intake.definition).States.B.Result).toBe('App-Registry');
    const fromFile = model.stateMachines.find((m) => m.logicalId === 'FromFile')!;
    expect(JSON.parse(fromFile.definition).States.Go.Resource).toBe(ingestArn);
  });

  it('reads HTTP API routes with their integration, JWT authorizer, scopes, stage and CORS', () => {
    const [api] = model.httpApis;
    const pool = model.userPools[0]!;
    expect(api).toMatchObject({
      name: 'casework',
      stagePrefix: '/v1',
      throttling: { rateLimit: 50, burstLimit: 100 },
      cors: { allowOrigins: ['*'], allowMethods: ['GET'] },
    });
    expect(api!.routes).toEqual([
      {
        routeKey: 'POST /households/{id}',
        method: 'POST',
        path: '/households/{id}',
        functionArn: ingestArn,
        payloadFormatVersion: '2.0',
        scopes: ['casework/write'],
        authorizer: {
          name: 'cognito',
          issuer: pool.cloudIssuer,
          audiences: pool.clientIds,
          identitySource: '$request.header.Authorization',
        },
      },
    ]);
    expect(pool).toMatchObject({
      groups: ['supervisor'],
      cloudIssuer: `https://cognito-idp.eu-west-3.amazonaws.com/${pool.userPoolId}`,
    });
  });

  it('reads event rules with their pattern resolved', () => {
    expect(model.eventRules).toEqual([
      expect.objectContaining({
        pattern: { source: ['aws.s3'], detail: { bucket: { name: ['native-bucket'] } } },
        targets: [{ id: 't1', arn: 'arn:aws:states:eu-west-3:123456789012:stateMachine:intake' }],
      }),
    ]);
  });
});
