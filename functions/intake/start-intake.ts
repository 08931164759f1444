import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '#shared/clients/sfn.ts';
import { requireEnv } from '#shared/env.ts';

/** Starts the intake workflow of a household; resolves to the execution ARN. */
export type StartIntake = (householdId: string) => Promise<string>;

/**
 * The execution is named after the household, so a retried request can never start a second one:
 * Step Functions answers the existing execution (or ExecutionAlreadyExists once it has ended).
 * The input is the id alone: names and phones never enter the execution history.
 */
export const startIntakeExecution: StartIntake = async (householdId) => {
  const stateMachineArn = requireEnv('INTAKE_STATE_MACHINE_ARN');
  try {
    const started = await sfnClient.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: householdId,
        input: JSON.stringify({ householdId }),
      }),
    );
    return started.executionArn ?? executionArnOf(stateMachineArn, householdId);
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionAlreadyExists') {
      return executionArnOf(stateMachineArn, householdId);
    }
    throw error;
  }
};

/** `arn:…:stateMachine:<machine>` → `arn:…:execution:<machine>:<name>`, as Step Functions names them. */
export const executionArnOf = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
