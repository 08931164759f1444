import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppFunction } from '#infra/constructs/app-function.ts';
import { bindStateMachine, bindTable } from '#infra/constructs/binders.ts';
import { createDataTable } from '#infra/constructs/data-table.ts';

const ECHO = fileURLToPath(new URL('./fixtures/echo-handler.ts', import.meta.url));

let template: Template;
let outdir: string;

// Synthesis bundles four functions; allow for a loaded machine.
beforeAll(() => {
  // Asset metadata (which the CLI switches on) tells the test where each bundle was written.
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:enable-asset-metadata': true },
  });
  const stack = new Stack(app, 'FunctionTest');
  const key = new Key(stack, 'TableKey');
  const table = createDataTable(stack, 'Registry', {
    encryptionKey: key,
    indexes: [{ indexName: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  });
  const reader = new AppFunction(stack, 'Reader', { entry: ECHO, serviceName: 'reader' });
  bindTable(reader, { table, access: 'read', envName: 'REGISTRY_TABLE' });
  const writer = new AppFunction(stack, 'Writer', { entry: ECHO, reservedConcurrentExecutions: 5 });
  bindTable(writer, { table, access: 'readWrite', envName: 'REGISTRY_TABLE' });
  const auditor = new AppFunction(stack, 'Auditor', { entry: ECHO });
  bindTable(auditor, { table, access: 'append', envName: 'AUDIT_TABLE' });
  const machine = new StateMachine(stack, 'Machine', {
    definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Nothing')),
  });
  const answerer = new AppFunction(stack, 'Answerer', { entry: ECHO, protectionAccess: true });
  bindStateMachine(answerer, { stateMachine: machine, access: 'taskResponse', envName: 'REVIEW_ARN' });
  new AppFunction(stack, 'EventDriven', { entry: ECHO, invocation: 'async' });
  template = Template.fromStack(stack);
  outdir = app.outdir;
}, 120_000);

const roleOf = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}Role`), 'Arn'] });

describe('AppFunction', () => {
  it('runs on nodejs24.x, arm64, with active tracing and Powertools settings', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: roleOf('Reader'),
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 512,
      Timeout: 10,
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'reader',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_METRICS_NAMESPACE: 'Casework',
          REGISTRY_TABLE: { Ref: Match.stringLikeRegexp('^Registry') },
        },
      },
    });
  });

  it('logs to its own log group with a retention', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: roleOf('Reader'),
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^ReaderLogs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('bundles an ESM, minified module with a source map and a require shim', () => {
    const [fn] = Object.values(
      template.findResources('AWS::Lambda::Function', { Properties: { Role: roleOf('Reader') } }),
    );
    const assetPath = fn?.Metadata?.['aws:asset:path'] as string;
    const bundle = join(outdir, assetPath);
    expect(existsSync(join(bundle, 'index.mjs'))).toBe(true);
    expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
    const code = readFileSync(join(bundle, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
    // Minified: the handler is exported under a mangled local name.
    expect(code).toMatch(/export\{\w+ as handler\}/);
    expect(code).toContain('//# sourceMappingURL=index.mjs.map');
    // Names not kept (no esbuild --keep-names, ≈ 10 KB a bundle): error classes name themselves
    // (test/unit/bundling/error-names.test.ts), so Retry/Catch still match.
    expect(code).not.toMatch(/"name",\{value:\w+,configurable:!0\}/);
    const map = JSON.parse(readFileSync(join(bundle, 'index.mjs.map'), 'utf8')) as {
      sourcesContent?: unknown;
    };
    expect(map.sourcesContent).toBeUndefined();
  });

  it('reserves concurrency only when asked', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: roleOf('Writer'),
      ReservedConcurrentExecutions: 5,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: roleOf('Reader'),
      ReservedConcurrentExecutions: Match.absent(),
    });
  });

  it('gives event-driven functions a TLS-only, encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: roleOf('EventDriven'),
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventDrivenDeadLetters'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
  });

  it('puts protection roles, and only them, under the /protection/ path', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Path: '/protection/',
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      }),
    });
    expect(
      Object.keys(template.findResources('AWS::IAM::Role', { Properties: { Path: '/protection/' } })),
    ).toEqual([expect.stringMatching(/^AnswererRole/)]);
  });

  it('starts each role with log writing and tracing only, without managed policies', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EventDrivenRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventDrivenLogs'), 'Arn'] },
          }),
          Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }),
        ]),
      },
    });
  });
});

describe('binders', () => {
  const tableArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Registry'), 'Arn'] };
  const indexArn = { 'Fn::Join': ['', [tableArn, '/index/GSI1']] };

  it('bindTable read grants read actions on the table and each index, and decrypt on its key', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ReaderRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: [
              'dynamodb:GetItem',
              'dynamodb:BatchGetItem',
              'dynamodb:Query',
              'dynamodb:ConditionCheckItem',
              'dynamodb:DescribeTable',
            ],
            Resource: [tableArn, indexArn],
          },
          {
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:DescribeKey'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TableKey'), 'Arn'] },
          },
        ]),
      },
    });
  });

  it('bindTable readWrite adds the write actions and encryption', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WriterRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
            Resource: [tableArn, indexArn],
          }),
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
          }),
        ]),
      },
    });
  });

  it('bindTable append adds items but cannot change or remove one', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AuditorRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: [
              'dynamodb:GetItem',
              'dynamodb:BatchGetItem',
              'dynamodb:Query',
              'dynamodb:ConditionCheckItem',
              'dynamodb:DescribeTable',
              'dynamodb:PutItem',
            ],
            Resource: [tableArn, indexArn],
          }),
        ]),
      },
    });
  });

  it('bindStateMachine taskResponse lets the function answer callbacks and tells it the ARN', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AnswererRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
            Resource: { Ref: Match.stringLikeRegexp('^Machine') },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: roleOf('Answerer'),
      Environment: {
        Variables: Match.objectLike({ REVIEW_ARN: { Ref: Match.stringLikeRegexp('^Machine') } }),
      },
    });
  });
});
