import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import { Monitoring, PROGRAMME_METRICS } from '#infra/constructs/monitoring.ts';
import { enforceNag } from '#infra/nag.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** Monitoring over imported resources, so the template holds only what the construct creates. */
function monitoredStack(options: { nag?: boolean; alarmEmail?: string } = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  if (options.nag) enforceNag(app);
  const stack = new Stack(app, 'MonitoringTest', { env: { account: ACCOUNT, region: REGION } });
  const machine = (name: string) =>
    StateMachine.fromStateMachineArn(
      stack,
      `Sm-${name}`,
      `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
    );
  const monitoring = new Monitoring(stack, 'Monitoring', {
    workflows: [
      { name: 'intake', stateMachine: machine('intake') },
      { name: 'gbv-referral', stateMachine: machine('gbv-referral') },
    ],
    functions: [
      {
        name: 'create-household',
        fn: LambdaFunction.fromFunctionArn(
          stack,
          'Fn',
          `arn:aws:lambda:${REGION}:${ACCOUNT}:function:create-household`,
        ),
      },
    ],
    api: HttpApi.fromHttpApiAttributes(stack, 'Api', { httpApiId: 'abc123' }),
    tables: [{ name: 'registry', table: Table.fromTableName(stack, 'Registry', 'registry') }],
    deadLetterQueues: [
      {
        name: 'bulk-intake-starter',
        queue: Queue.fromQueueArn(stack, 'Dlq', `arn:aws:sqs:${REGION}:${ACCOUNT}:bulk-intake-dlq`),
      },
    ],
    ...(options.alarmEmail ? { alarmEmail: options.alarmEmail } : {}),
  });
  return { app, stack, monitoring };
}

const alarmOn = (metricName: string, namespace: string, dimensions?: unknown) =>
  Match.objectLike({
    MetricName: metricName,
    Namespace: namespace,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [{ Ref: Match.stringLikeRegexp('MonitoringAlarms') }],
    ...(dimensions ? { Dimensions: dimensions } : {}),
  });

describe('Monitoring', { timeout: 60_000 }, () => {
  const { stack, monitoring } = monitoredStack({ alarmEmail: 'ops@example.org' });
  const template = Template.fromStack(stack);

  it('sends alarms to one KMS-encrypted SNS topic that refuses plain HTTP, with the email subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('alarms on failed and timed-out executions of every workflow', () => {
    for (const name of ['intake', 'gbv-referral']) {
      const dimensions = [
        { Name: 'StateMachineArn', Value: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}` },
      ];
      template.hasResourceProperties(
        'AWS::CloudWatch::Alarm',
        alarmOn('ExecutionsFailed', 'AWS/States', dimensions),
      );
      template.hasResourceProperties(
        'AWS::CloudWatch::Alarm',
        alarmOn('ExecutionsTimedOut', 'AWS/States', dimensions),
      );
    }
  });

  it('alarms on Lambda errors, API 5xx, dead letters and overdue follow-ups', () => {
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      alarmOn('Errors', 'AWS/Lambda', [{ Name: 'FunctionName', Value: 'create-household' }]),
    );
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      alarmOn('5xx', 'AWS/ApiGateway', [{ Name: 'ApiId', Value: 'abc123' }]),
    );
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      alarmOn('ApproximateNumberOfMessagesVisible', 'AWS/SQS', [
        { Name: 'QueueName', Value: 'bulk-intake-dlq' },
      ]),
    );
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      alarmOn(PROGRAMME_METRICS.followUpsOverdue, PROGRAMME_METRICS.namespace),
    );
  });

  it('has exactly those alarms, each also reporting recovery', () => {
    // 2 workflows x (failed, timed out) + 1 function + API 5xx + 1 dead-letter queue + overdue follow-ups.
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    expect(monitoring.alarms).toHaveLength(8);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    }
  });

  it('builds one dashboard with every panel the issue asks for', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
    for (const title of [
      'Executions started',
      'Executions succeeded',
      'Executions failed',
      'Executions timed out',
      'Lambda errors',
      'Lambda throttles',
      'Lambda duration p95',
      'API errors',
      'API latency',
      'DynamoDB throttled requests: registry',
      'Kits in stock by site (lowest)',
      'GBV follow-ups overdue',
    ]) {
      expect(body, title).toContain(`\\"title\\":\\"${title}\\"`);
    }
    for (const metric of [
      'ExecutionsStarted',
      'Throttles',
      'Duration',
      '4xx',
      'Latency',
      'ThrottledRequests',
    ]) {
      expect(body, metric).toContain(`\\"${metric}\\"`);
    }
    expect(body).toContain(`SEARCH('{Casework,site} MetricName=\\\\\\"KitsInStock\\\\\\"'`);
    expect(body).toContain('\\"type\\":\\"alarm\\"');
  });

  it('passes cdk-nag (AwsSolutions and HIPAA) without acknowledgments', () => {
    const { app } = monitoredStack({ nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});
