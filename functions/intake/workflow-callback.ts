import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '#shared/clients/sfn.ts';
import type { WorkflowCallback } from './review-ports.ts';

// The token is no longer waiting: its step timed out into the next phase, or the execution ended.
const GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** Answers a waiting step through SendTaskSuccess. */
export const sendTaskSuccess: WorkflowCallback = async (taskToken, result) => {
  try {
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(result) }));
    return true;
  } catch (error) {
    if (error instanceof Error && GONE.has(error.name)) return false;
    throw error;
  }
};
