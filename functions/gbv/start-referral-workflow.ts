import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '#shared/clients/sfn.ts';
import { requireEnv } from '#shared/env.ts';

/** Starts the gbv-referral workflow of a case; resolves to the execution ARN. */
export type StartReferralWorkflow = (caseId: string) => Promise<string>;

/**
 * Named after the case so a retry cannot start a second workflow. The input is the case id alone:
 * nothing of the case (type, dates, services, risk) enters the execution history.
 */
export const startReferralWorkflow: StartReferralWorkflow = async (caseId) => {
  const stateMachineArn = requireEnv('GBV_REFERRAL_STATE_MACHINE_ARN');
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${caseId}`;
  try {
    const started = await sfnClient.send(
      new StartExecutionCommand({ stateMachineArn, name: caseId, input: JSON.stringify({ caseId }) }),
    );
    return started.executionArn ?? executionArn;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return executionArn;
    throw error;
  }
};
