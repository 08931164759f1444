import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '#shared/clients/sfn.ts';

/** Answers a waiting kit-dispatch step; false when the step no longer waits (timed out, ended). */
export type Wake = (taskToken: string, output: { status: string }) => Promise<boolean>;

// The token is no longer waiting: its step timed out, or the execution ended.
const GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export const sendTaskSuccess: Wake = async (taskToken, output) => {
  try {
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof Error && GONE.has(error.name)) return false;
    throw error;
  }
};
