import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { AppFunction } from './app-function.ts';
import { acknowledgeWildcardResources } from './nag-acknowledgments.ts';

/** The EventBridge pattern: failures of the watched workflows, and their redrives. */
export function workflowFailurePattern(stateMachineArns: readonly string[]) {
  return {
    source: ['aws.states'],
    detailType: ['Step Functions Execution Status Change'],
    detail: {
      stateMachineArn: [...stateMachineArns],
      $or: [
        { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
        // A redrive restarts the execution as RUNNING with its count raised: the mark comes off.
        { status: ['RUNNING'], redriveCount: [{ numeric: ['>', 0] }] },
      ],
    },
  };
}

export interface WorkflowFailuresProps {
  /** functions/workflow-failures/record-workflow-failure.ts, created for asynchronous invocation. */
  readonly fn: AppFunction;
  readonly stateMachines: readonly StateMachine[];
}

/**
 * Sends the status changes of the watched workflows to the function that marks (and, on a
 * redrive, clears) the household or case of a failed execution. Failures an operator repairs are
 * not caught in the workflows, so the execution fails at the step and a redrive re-runs it; the
 * mark lives here instead of in a Catch path (a Catch into a Fail state cannot be redriven).
 */
export function subscribeToWorkflowFailures(
  scope: Construct,
  id: string,
  props: WorkflowFailuresProps,
): Rule {
  const { fn, stateMachines } = props;
  const executions = stateMachines.map((machine) =>
    Stack.of(scope).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${machine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  );
  // The failed state's name: a few history events, read without their data.
  const history = new PolicyStatement({ actions: ['states:GetExecutionHistory'], resources: executions });
  fn.role.addToPrincipalPolicy(history);
  acknowledgeWildcardResources(
    fn.role,
    history,
    'Execution ARNs end with the execution name, known only at run time; the statement names each watched state machine and grants only GetExecutionHistory.',
  );
  return new Rule(scope, id, {
    description: 'Marks the household or case of a failed workflow execution; clears it on a redrive',
    eventPattern: workflowFailurePattern(stateMachines.map((machine) => machine.stateMachineArn)),
    targets: [
      new LambdaFunction(fn.fn, {
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
        ...(fn.deadLetterQueue ? { deadLetterQueue: fn.deadLetterQueue } : {}),
      }),
    ],
  });
}
