import type { ExecutionResult, RunExecution, RunExecutionRequest } from '../contract.ts';
import { ExecutionAbortedError, StatesError } from './errors.ts';
import {
  type Branch,
  countEvent,
  type ExecutionRun,
  type QueryLanguage,
  recordEvent,
} from './execution-run.ts';
import { exceedsPayloadLimit, textExceedsPayloadLimit } from './payload-size.ts';
import { runStates, type StatesDefinition } from './run-states.ts';
import { rootScope } from './variables.ts';

export { type DefinitionDiagnostic, invalidDefinitionMessage, validateDefinition } from './validate.ts';

const EXECUTION_KEY = '!execution';

/**
 * Runs (or, against a journal, replays) one execution to its end. Errors that escape the states
 * fail the execution with AWS's `ExecutionFailed` details; StopExecution aborts it.
 */
export const runExecution: RunExecution = async (request: RunExecutionRequest): Promise<ExecutionResult> => {
  const { definition, input, effects } = request;
  const run: ExecutionRun = {
    effects,
    execution: request.execution,
    stateMachine: request.stateMachine,
    queryLanguage: (definition['QueryLanguage'] as QueryLanguage | undefined) ?? 'JSONPath',
    eventCount: 0,
    lean: effects.countsEventsOnly === true,
  };
  const branch: Branch = { run, keyPrefix: '', visits: new Map<string, number>(), scope: rootScope() };
  try {
    // A lean run builds no event, so it needs no input text, only its size.
    const inputText = run.lean ? undefined : JSON.stringify(input);
    if (run.lean) countEvent(run);
    else
      recordEvent(run, `${EXECUTION_KEY}/started`, 'ExecutionStarted', {
        executionStartedEventDetails: {
          input: inputText,
          inputDetails: { truncated: false },
          roleArn: request.execution.RoleArn,
        },
      });
    if (run.lean ? exceedsPayloadLimit(input) : textExceedsPayloadLimit(inputText!)) {
      throw new StatesError(
        'States.DataLimitExceeded',
        'The execution input exceeds the maximum number of bytes service limit.',
      );
    }
    branch.lastEventKey = `${EXECUTION_KEY}/started`;
    const output = await runStates(
      branch,
      definition as unknown as StatesDefinition,
      input,
      undefined,
      run.lean || inputText,
    );
    if (!run.lean)
      recordEvent(
        run,
        `${EXECUTION_KEY}/succeeded`,
        'ExecutionSucceeded',
        {
          executionSucceededEventDetails: {
            output: branch.outputText ?? JSON.stringify(output),
            outputDetails: { truncated: false },
          },
        },
        true,
        branch.lastEventKey,
      );
    return { status: 'SUCCEEDED', output };
  } catch (error) {
    if (error instanceof ExecutionAbortedError || effects.signal.aborted) {
      recordEvent(run, `${EXECUTION_KEY}/aborted`, 'ExecutionAborted', {}, true, branch.lastEventKey);
      return { status: 'ABORTED' };
    }
    const failure = error instanceof StatesError ? error : new StatesError('States.Runtime', String(error));
    const result: ExecutionResult = { status: 'FAILED' };
    if (failure.error !== '') result.error = failure.error;
    if (failure.causeText !== undefined) result.cause = failure.causeText;
    const details: Record<string, unknown> = {};
    if (result.error !== undefined) details['error'] = result.error;
    if (result.cause !== undefined) details['cause'] = result.cause;
    recordEvent(
      run,
      `${EXECUTION_KEY}/failed`,
      'ExecutionFailed',
      { executionFailedEventDetails: details },
      true,
      branch.lastEventKey,
    );
    return result;
  }
};

export { StatesError } from './errors.ts';
