import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { Workflow, WorkflowDefinitionError } from '#infra/constructs/workflow.ts';
import { enforceNag } from '#infra/nag.ts';
import { statesArn } from './states-arn.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/workflows/', import.meta.url));

function stackWith(name: string, substitutions: Record<string, string> = {}) {
  // The built-in CloudFormation schema check only ever warns and costs seconds per synthesis.
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'WorkflowTest');
  const key = new Key(stack, 'Key', { enableKeyRotation: true });
  const logsKey = new Key(stack, 'LogsKey', { enableKeyRotation: true });
  const workflow = new Workflow(stack, 'Flow', {
    name,
    directory: FIXTURES,
    encryptionKey: key,
    logsKey,
    substitutions,
  });
  return { app, stack, workflow };
}

describe('Workflow', () => {
  const { stack, workflow } = stackWith('uses-placeholders', { TableName: 'households', Unused: 'x' });
  const grantee = new Role(stack, 'Caller', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  workflow.grantStartExecution(grantee);
  workflow.grantTaskResponse(grantee);
  const template = Template.fromStack(stack);

  it('logs at level ALL without execution data, traces, and encrypts under the given key', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
      EncryptionConfiguration: {
        Type: 'CUSTOMER_MANAGED_KMS_KEY',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
        KmsDataKeyReusePeriodSeconds: Match.anyValue(),
      },
    });
  });

  it('writes logs to a vended-logs group encrypted with the logs key', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/WorkflowTest-uses-placeholders',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] },
    });
  });

  it('keeps the definition in the template and passes on only the placeholders it uses', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    // Step Functions substitutes at deploy time: the placeholder stays in the template.
    const placeholder = ['$', '{TableName}'].join('');
    expect(JSON.parse(machine?.Properties.DefinitionString).States['Read the table'].Output.table).toBe(
      placeholder,
    );
    expect(machine?.Properties.DefinitionSubstitutions).toEqual({ TableName: 'households' });
  });

  it('lets the workflow role use its key and the grantee start and answer executions', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'states:StartExecution',
            Resource: { Ref: Match.stringLikeRegexp('^Flow') },
          }),
          Match.objectLike({
            Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          }),
        ]),
      },
    });
  });

  it('keeps the generated name of a state machine without a Distributed Map', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machine?.Properties.StateMachineName).toBeUndefined();
    const inline = Template.fromStack(stackWith('inline-map').stack);
    const [inlineMachine] = Object.values(inline.findResources('AWS::StepFunctions::StateMachine'));
    expect(inlineMachine?.Properties.StateMachineName).toBeUndefined();
    expect(JSON.stringify(inline.findResources('AWS::IAM::Policy'))).not.toContain(':execution:');
  });

  it('names a state machine with a Distributed Map, even one in a Parallel branch, and lets it run its children', () => {
    const distributed = Template.fromStack(stackWith('nested-distributed-map').stack);
    distributed.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'WorkflowTest-nested-distributed-map',
    });
    const [policy] = Object.values(distributed.findResources('AWS::IAM::Policy'));
    const statements = policy?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: statesArn('stateMachine:WorkflowTest-nested-distributed-map'),
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['states:DescribeExecution', 'states:RedriveExecution', 'states:StopExecution'],
      Resource: statesArn('execution:WorkflowTest-nested-distributed-map/*'),
    });
  });

  it('acknowledges the child-execution wildcard of a Distributed Map, and no other', () => {
    const { app } = stackWith('nested-distributed-map');
    enforceNag(app);
    expect(() => app.synth()).not.toThrow();
    const { app: widened, workflow } = stackWith('nested-distributed-map');
    workflow.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:StopExecution'],
        resources: [
          Stack.of(workflow).formatArn({ service: 'states', resource: 'execution', resourceName: '*' }),
        ],
      }),
    );
    enforceNag(widened, { hipaa: false });
    expect(() => widened.synth()).toThrow(/AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:states/);
  });

  it('refuses a definition with a placeholder nobody supplies', () => {
    expect(() => stackWith('uses-placeholders')).toThrow(/placeholders without a value: TableName/);
  });

  it('refuses a definition that is not JSONata', () => {
    expect(() => stackWith('jsonpath')).toThrow(WorkflowDefinitionError);
    expect(() => stackWith('jsonpath')).toThrow(/"QueryLanguage": "JSONata"/);
  });

  it('refuses a definition that is not JSON, naming the file', () => {
    expect(() => stackWith('broken')).toThrow(/broken\.asl\.json is not valid JSON/);
  });

  it('leaves cdk-nag to report a wildcard grant beyond tracing and log delivery', () => {
    const { app, workflow } = stackWith('uses-placeholders', { TableName: 't' });
    workflow.stateMachine.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }),
    );
    enforceNag(app, { hipaa: false });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });

  it('passes cdk-nag with no acknowledgment beyond its own', () => {
    const { app } = stackWith('uses-placeholders', { TableName: 't' });
    enforceNag(app);
    expect(() => app.synth()).not.toThrow();
  });
});
