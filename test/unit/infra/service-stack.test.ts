import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseworkApp } from '#infra/casework-app.ts';

// Templates only: skip bundling the functions (an empty list of stacks to bundle) and CDK's
// built-in CloudFormation schema check, which only ever warns; both cost seconds per app.
// app-function.test.ts checks real bundles.
const FAST = { builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } };

import { FUNCTIONS_DIR } from '#infra/paths.ts';
import { PERMISSION_GROUPS, ROLES } from '#infra/roles.ts';
import { ROUTES, type RouteSpec } from '#infra/routes.ts';
import { WORKFLOWS, type WorkflowSpec } from '#infra/workflows.ts';
import { statesArn } from './states-arn.ts';

const ECHO = fileURLToPath(new URL('./fixtures/echo-handler.ts', import.meta.url));

let real: Template;

// Synthesis bundles the functions; allow for a loaded machine.
beforeAll(() => {
  real = Template.fromStack(createCaseworkApp(FAST).service);
}, 120_000);

type Resource = { Properties: Record<string, unknown> };
const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource & Record<string, unknown>][];

describe('ServiceStack functions', () => {
  it('runs every function on nodejs24.x, arm64, with active tracing, its own log group and source maps', () => {
    const functions = template_functions(real);
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: expect.anything() },
        Environment: {
          Variables: expect.objectContaining({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: expect.any(String),
            POWERTOOLS_LOG_LEVEL: 'INFO',
          }),
        },
      });
    }
  });

  it('encrypts every log group with the logs key and sets a retention', () => {
    const groups = resources(real, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const [, group] of groups) {
      expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] });
      expect(group.Properties.RetentionInDays).toEqual(expect.any(Number));
    }
  });

  it('serves GET /health without authorizer from functions/health/get-health.ts', () => {
    real.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /health',
      AuthorizationType: 'NONE',
    });
  });

  it('declares a JWT authorizer on the user pool and its client', () => {
    real.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^UsersUserPoolWebClient') }],
        Issuer: {
          'Fn::Join': [
            '',
            Match.arrayWith([
              Match.stringLikeRegexp('cognito-idp'),
              { Ref: Match.stringLikeRegexp('^UsersUserPool') },
            ]),
          ],
        },
      },
    });
  });

  it('writes JSON access logs on the throttled $default stage', () => {
    real.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });

  it('starts bulk intake from S3 notifications on uploads/, with a dead-letter queue for failed events', () => {
    real.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { 'Fn::ImportValue': Match.stringLikeRegexp('UploadsBucket') },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            LambdaFunctionArn: {
              'Fn::GetAtt': [Match.stringLikeRegexp('^FnBulkIntakeStartBulkIntake'), 'Arn'],
            },
          },
        ],
      },
    });
    real.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnBulkIntakeStartBulkIntake'), 'Arn'] },
    });
    real.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'bulk-intake' }) },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } },
    });
  });
});

describe('ServiceStack workflows', () => {
  it('runs health-check as a STANDARD machine logging ALL without execution data, traced, under a customer key', () => {
    real.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
      },
      TracingConfiguration: { Enabled: true },
      EncryptionConfiguration: {
        Type: 'CUSTOMER_MANAGED_KMS_KEY',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowKey'), 'Arn'] },
      },
      DefinitionString: Match.stringLikeRegexp('"QueryLanguage": "JSONata"'),
      DefinitionSubstitutions: {
        RegistryTableName: { 'Fn::ImportValue': Match.stringLikeRegexp('RegistryTable') },
      },
    });
  });

  it('names bulk intake, the one workflow with a Distributed Map, and lets its role run its child executions', () => {
    const named = resources(real, 'AWS::StepFunctions::StateMachine').filter(
      ([, machine]) => machine.Properties.StateMachineName !== undefined,
    );
    expect(named.map(([, machine]) => machine.Properties.StateMachineName)).toEqual([
      'CaseworkService-bulk-intake',
    ]);
    const [machineId, machine] = named[0]!;
    const roleId = (machine.Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = resources(real, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: statesArn('stateMachine:CaseworkService-bulk-intake'),
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['states:DescribeExecution', 'states:RedriveExecution', 'states:StopExecution'],
      Resource: statesArn('execution:CaseworkService-bulk-intake/*'),
    });
    // Functions still find it by reference, so the ARN they are given is the named machine's.
    real.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ BULK_INTAKE_STATE_MACHINE_ARN: { Ref: machineId } }) },
    });
  });

  it('rotates the workflow and logs keys', () => {
    for (const prefix of ['WorkflowKey', 'LogsKey']) {
      const [[, key] = []] = resources(real, 'AWS::KMS::Key').filter(([id]) => id.startsWith(prefix));
      expect(key?.Properties.EnableKeyRotation).toBe(true);
    }
  });
});

describe('ServiceStack identities', () => {
  it('creates one Cognito group per role and per extra permission', () => {
    const names = resources(real, 'AWS::Cognito::UserPoolGroup').map(
      ([, group]) => group.Properties.GroupName,
    );
    expect(names.sort()).toEqual([...ROLES, ...PERMISSION_GROUPS].sort());
  });

  it('requires MFA and a strong password, runs threat protection and keeps the pool', () => {
    real.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'partnerId', AttributeDataType: 'String', Mutable: true }),
        ]),
      }),
    });
  });

  it('gives the web client SRP sign-in and no secret', () => {
    real.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('never lets users write their own partner organisation', () => {
    const clients = real.findResources('AWS::Cognito::UserPoolClient');
    expect(Object.keys(clients).length).toBeGreaterThan(0);
    for (const client of Object.values(clients)) {
      const writable = (client as { Properties: { WriteAttributes?: string[] } }).Properties.WriteAttributes;
      expect(writable).toBeDefined();
      expect(writable).not.toContain('custom:partnerId');
    }
  });
});

describe('route table', { timeout: 60_000 }, () => {
  it('points every route at an existing handler file', () => {
    for (const route of ROUTES)
      expect(existsSync(join(FUNCTIONS_DIR, route.function)), route.function).toBe(true);
  });

  it('refuses a public route that does not say why it is public', () => {
    const routes: RouteSpec[] = [{ method: 'GET', path: '/open', function: ECHO, roles: 'public' }];
    expect(() => createCaseworkApp({ ...FAST, routes })).toThrow(/publicBecause/);
  });

  it('refuses one function serving routes with different roles', () => {
    const routes: RouteSpec[] = [
      { method: 'GET', path: '/a', function: ECHO, roles: ['operator'] },
      { method: 'GET', path: '/b', function: ECHO, roles: ['intake'] },
    ];
    expect(() => createCaseworkApp({ ...FAST, routes })).toThrow(/different roles/);
  });
});

describe('ServiceStack with rows added to the route and workflow tables', () => {
  let template: Template;

  beforeAll(() => {
    const routes: RouteSpec[] = [
      ...ROUTES,
      {
        method: 'POST',
        path: '/test/households',
        function: ECHO,
        roles: ['intake', 'caseworker'],
        uses: {
          tables: { registry: 'readWrite', idempotency: 'readWrite' },
          buckets: { uploads: { access: 'write', prefix: 'uploads/' } },
          workflows: { 'health-check': 'start' },
        },
      },
      {
        method: 'GET',
        path: '/test/gbv/cases/{caseId}',
        function: fileURLToPath(new URL('./fixtures/gbv-echo-handler.ts', import.meta.url)),
        roles: ['caseworker'],
        uses: { tables: { protection: 'read' } },
      },
    ];
    const workflows: WorkflowSpec[] = WORKFLOWS.map((spec) =>
      spec.name === 'health-check'
        ? { ...spec, envName: 'HEALTH_CHECK_STATE_MACHINE_ARN', uses: { tables: { config: 'read' } } }
        : spec,
    );
    template = Template.fromStack(createCaseworkApp({ ...FAST, routes, workflows }).service);
  }, 120_000);

  it('puts every non-public route behind the JWT authorizer', () => {
    const [[authorizerId] = []] = resources(template, 'AWS::ApiGatewayV2::Authorizer');
    for (const routeKey of ['POST /test/households', 'GET /test/gbv/cases/{caseId}']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('tells each function its tables, bucket, workflow and roles through the shared variable names', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          REGISTRY_TABLE: { 'Fn::ImportValue': Match.stringLikeRegexp('RegistryTable') },
          IDEMPOTENCY_TABLE: { 'Fn::ImportValue': Match.stringLikeRegexp('IdempotencyTable') },
          UPLOADS_BUCKET: { 'Fn::ImportValue': Match.stringLikeRegexp('UploadsBucket') },
          HEALTH_CHECK_STATE_MACHINE_ARN: { Ref: Match.stringLikeRegexp('StateMachine') },
          ROUTE_ROLES: 'intake,caseworker',
        }),
      },
    });
  });

  it('grants tables by name and index name, never index/*', () => {
    const statements = resources(template, 'AWS::IAM::Policy').flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Resource: unknown }[] }).Statement,
    );
    const dynamo = statements.filter((s) => JSON.stringify(s).includes('dynamodb:'));
    expect(dynamo.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(dynamo)).not.toContain('/index/*');
    expect(JSON.stringify(dynamo)).toContain('/index/GSI1');
  });

  it('grants object writes under the declared prefix only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 's3:PutObject',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::ImportValue': Match.stringLikeRegexp('UploadsBucket') }, '/uploads/*'],
              ],
            },
          },
        ]),
      },
    });
  });

  it('lets the function start the workflow it uses', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'states:StartExecution',
            Resource: { Ref: Match.stringLikeRegexp('StateMachine') },
          }),
        ]),
      },
    });
  });

  it('places the role of a function using the protection table under the protection path, and no other', () => {
    const paths = resources(template, 'AWS::IAM::Role')
      .filter(([id]) => id.startsWith('Fn'))
      .map(([id, role]) => [id, String(role.Properties.Path ?? '/')] as const);
    const protectedRoles = paths.filter(([, path]) => path === '/protection/').map(([id]) => id);
    expect(protectedRoles).toContainEqual(expect.stringMatching(/GbvEchoHandler/));
    // The GBV functions (functions/gbv/**) are the ones whose rows list the protection table, and
    // the function that marks a GBV case whose workflow failed (functions/workflow-failures).
    expect(protectedRoles.filter((id) => !/^FnGbv|GbvEchoHandler|^FnWorkflowFailures/.test(id))).toEqual([]);
    expect(paths.filter(([id, path]) => /^FnGbv/.test(id) && path !== '/protection/')).toEqual([]);
  });
});

function template_functions(template: Template) {
  return resources(template, 'AWS::Lambda::Function').filter(
    ([, fn]) => (fn.Properties.Runtime as string | undefined)?.startsWith('nodejs') ?? false,
  );
}

describe('ServiceStack monitoring', () => {
  it('has one dashboard and, for every workflow, alarms on failed and timed-out executions to the topic', () => {
    real.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const machines = resources(real, 'AWS::StepFunctions::StateMachine');
    expect(machines.length).toBeGreaterThan(0);
    const alarms = resources(real, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      const forMetric = alarms.filter(
        (alarm) => alarm.MetricName === metric && alarm.Namespace === 'AWS/States',
      );
      expect(forMetric).toHaveLength(machines.length);
      for (const alarm of forMetric) expect(alarm.AlarmActions).toHaveLength(1);
    }
  });

  it('alarms on the errors of every function', () => {
    const functions = template_functions(real).length;
    const errorAlarms = resources(real, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'Errors' && alarm.Properties.Namespace === 'AWS/Lambda',
    );
    expect(errorAlarms.length).toBe(functions);
  });
});
