import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '#shared/clients/sfn.ts';

// The token is no longer waiting: its step timed out into the next phase, or the execution ended.
const GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** Workflow errors the API sends back; identifiers only (execution history is read by operators). */
export const REFERRAL_REVOKED = 'Gbv.ReferralRevoked';

export interface WorkflowCallbacks {
  /** Resumes the waiting step with `result`; false when the step is no longer waiting. */
  succeed(taskToken: string, result: Record<string, string>): Promise<boolean>;
  /** Fails the waiting step with a named error (caught by the workflow); false when gone. */
  fail(taskToken: string, error: string, cause: string): Promise<boolean>;
}

const tolerateGone = async (send: () => Promise<unknown>): Promise<boolean> => {
  try {
    await send();
    return true;
  } catch (error) {
    if (error instanceof Error && GONE.has(error.name)) return false;
    throw error;
  }
};

/** Step Functions callbacks. Results carry decisions and kinds only, never what a person wrote. */
export const sfnCallbacks: WorkflowCallbacks = {
  succeed: (taskToken, result) =>
    tolerateGone(() =>
      sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(result) })),
    ),
  fail: (taskToken, error, cause) =>
    tolerateGone(() => sfnClient.send(new SendTaskFailureCommand({ taskToken, error, cause }))),
};
