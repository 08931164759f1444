import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseworkApp } from '#infra/casework-app.ts';

// Templates only, as in service-stack.test.ts: no bundling, no CloudFormation schema check.
const FAST = { builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } };

type Resource = { Properties: Record<string, unknown> };
let service: Template;
let stateMachines: Record<string, string>;

beforeAll(() => {
  const app = createCaseworkApp(FAST);
  service = Template.fromStack(app.service);
  stateMachines = Object.fromEntries(
    [...app.service.workflows].map(([name, workflow]) => [
      name,
      app.service.getLogicalId(workflow.stateMachine.node.defaultChild as never),
    ]),
  );
}, 120_000);

const rule = () => {
  const rules = Object.values(
    service.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: { source: ['aws.states'] } },
    }),
  ) as Resource[];
  expect(rules).toHaveLength(1);
  return rules[0]!.Properties;
};

describe('workflow failure marks (EventBridge rule on Step Functions status changes)', () => {
  it('matches failures of intake, kit dispatch and GBV referral, and their redrives by numeric redriveCount', () => {
    const pattern = rule().EventPattern as {
      'detail-type': string[];
      detail: { stateMachineArn: { Ref: string }[]; $or: unknown[] };
    };
    expect(pattern['detail-type']).toEqual(['Step Functions Execution Status Change']);
    expect(pattern.detail.stateMachineArn).toEqual(
      ['intake', 'kit-dispatch', 'gbv-referral'].map((name) => ({ Ref: stateMachines[name] })),
    );
    expect(pattern.detail.$or).toEqual([
      { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      { status: ['RUNNING'], redriveCount: [{ numeric: ['>', 0] }] },
    ]);
  });

  it('targets the marking function asynchronously, with retries and its dead-letter queue', () => {
    const [target] = rule().Targets as Record<string, unknown>[];
    expect(target).toMatchObject({
      Arn: {
        'Fn::GetAtt': [expect.stringMatching(/^FnWorkflowFailuresRecordWorkflowFailureFunction/), 'Arn'],
      },
      RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21_600 },
      DeadLetterConfig: {
        Arn: { 'Fn::GetAtt': [expect.stringMatching(/^FnWorkflowFailures.*DeadLetters/), 'Arn'] },
      },
    });
    service.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: {
        'Fn::GetAtt': [Match.stringLikeRegexp('FnWorkflowFailuresRecordWorkflowFailure'), 'Arn'],
      },
    });
  });

  it('lets the function read the watched executions’ history, and nothing else of Step Functions', () => {
    const policies = Object.values(service.findResources('AWS::IAM::Policy')) as Resource[];
    const statements = policies
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('FnWorkflowFailures'))
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
            .Statement,
      );
    const states = statements.filter((statement) => JSON.stringify(statement.Action).includes('states:'));
    expect(states).toHaveLength(1);
    expect(states[0]!.Action).toBe('states:GetExecutionHistory');
    expect((states[0]!.Resource as unknown[]).length).toBe(3);
    expect(JSON.stringify(states[0]!.Resource)).toContain(':execution:');
  });
});
