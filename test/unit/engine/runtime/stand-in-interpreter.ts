import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunExecution, TaskRequest } from '../../../../local/engine/contract.ts';

/**
 * A tiny interpreter for runtime tests: a Task on `input.resource` (or a Lambda ARN), then a Wait
 * of `input.waitSeconds`, through the effects only, as the real interpreter does it.
 */
export const standInInterpreter: RunExecution = async ({ input, effects, execution }) => {
  const { resource, parameters, waitSeconds, timeoutSeconds, heartbeatSeconds } = input as {
    resource?: string;
    parameters?: unknown;
    waitSeconds?: number;
    timeoutSeconds?: number;
    heartbeatSeconds?: number;
  };
  effects.recordEvent('!execution/started', { type: 'ExecutionStarted', details: {} });
  try {
    effects.recordEvent('Work#1/entered', {
      type: 'TaskStateEntered',
      details: { stateEnteredEventDetails: { name: 'Work' } },
    });
    const request: TaskRequest = {
      resource: resource ?? 'arn:aws:lambda:us-east-1:123456789012:function:work',
      parameters: parameters ?? input,
      context: { Execution: execution },
      stateName: 'Work',
      ...(timeoutSeconds !== undefined && { timeoutSeconds }),
      ...(heartbeatSeconds !== undefined && { heartbeatSeconds }),
    };
    if (request.resource.endsWith('.waitForTaskToken') && effects.issueTaskToken) {
      const token = effects.issueTaskToken('Work#1/token');
      request.context = { ...request.context, Task: { Token: token } };
      request.parameters = { ...(request.parameters as object), token };
    }
    effects.recordEvent('Work#1/scheduled', { type: 'TaskScheduled', details: {} });
    const outcome = await effects.runTask('Work#1/task', request);
    if (!outcome.ok) {
      effects.recordEvent('Work#1/failed', {
        type: 'TaskFailed',
        details: { taskFailedEventDetails: { error: outcome.error } },
      });
      return {
        status: 'FAILED',
        error: outcome.error,
        ...(outcome.cause !== undefined && { cause: outcome.cause }),
      };
    }
    effects.recordEvent('Work#1/succeeded', { type: 'TaskSucceeded', details: {} });
    if (waitSeconds !== undefined) {
      effects.recordEvent('Pause#1/entered', { type: 'WaitStateEntered', details: {} });
      const now = effects.now('Pause#1/now');
      await effects.sleepUntil('Pause#1/wait', new Date(now.getTime() + waitSeconds * 1000));
      effects.recordEvent('Pause#1/exited', { type: 'WaitStateExited', details: {} });
    }
    return { status: 'SUCCEEDED', output: { result: outcome.output, id: effects.uuid('Done#1/uuid') } };
  } catch (error) {
    if (effects.signal.aborted) return { status: 'ABORTED' };
    throw error;
  }
};

export const temporaryDatabase = () => join(mkdtempSync(join(tmpdir(), 'engine-')), 'engine.db');

export const definition = JSON.stringify({
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true },
  },
});
export const roleArn = 'arn:aws:iam::123456789012:role/engine';
