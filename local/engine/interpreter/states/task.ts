import type { TaskRequest } from '../../contract.ts';
import {
  applyInputPath,
  evaluateDynamicValue,
  evaluatePayloadTemplate,
  jsonataBindings,
} from '../data-flow.ts';
import { StatesError, stateMessage } from '../errors.ts';
import {
  attemptKey,
  checkAborted,
  countEvent,
  LazyContextTaskRequest,
  type StateVisit,
  stateEvent,
} from '../execution-run.ts';
import { evaluateTemplate } from '../jsonata-engine.ts';
import { exceedsPayloadLimit, textExceedsPayloadLimit } from '../payload-size.ts';
import { withRetryAndCatch } from '../retry-catch.ts';
import type { StateResult } from '../run-states.ts';
import { finishJsonata, finishJsonPath, WITH_RESULT_SELECTOR } from '../state-output.ts';

/**
 * Task: evaluates Parameters/Arguments, asks the runtime to run the resource through
 * `effects.runTask`, and records the history events AWS shows (`TaskScheduled`… for service
 * integrations, `LambdaFunctionScheduled`… for a bare Lambda ARN).
 */
export function runTask(visit: StateVisit, input: unknown): Promise<StateResult> {
  return withRetryAndCatch(visit, input, attemptTask);
}

interface ResourceNames {
  resourceType: string;
  resource: string;
  lambda: boolean;
}

const knownResources = new Map<string, ResourceNames>();

/** `arn:aws:states:::lambda:invoke.waitForTaskToken` → `lambda` / `invoke.waitForTaskToken`. */
export function resourceNames(arn: string): ResourceNames {
  let names = knownResources.get(arn);
  if (!names) {
    names = parseResourceNames(arn);
    // Resources come from definitions, so they are few; the bound keeps dynamic ones from piling up.
    if (knownResources.size < 10_000) knownResources.set(arn, names);
  }
  return names;
}

function parseResourceNames(arn: string): ResourceNames {
  const service = /^arn:[^:]+:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(arn);
  if (service) return { resourceType: service[1]!, resource: service[2]!, lambda: false };
  if (/^arn:[^:]+:lambda:/.test(arn)) return { resourceType: 'lambda', resource: arn, lambda: true };
  return { resourceType: 'activity', resource: arn, lambda: false };
}

async function attemptTask(visit: StateVisit, input: unknown): Promise<StateResult> {
  const { state } = visit;
  const resourceArn = state['Resource'] as string;
  const names = resourceNames(resourceArn);
  const { effects } = visit.branch.run;
  if (resourceArn.endsWith('.waitForTaskToken')) {
    const tokenKey = `${attemptKey(visit)}/token`;
    visit.taskToken = effects.issueTaskToken ? effects.issueTaskToken(tokenKey) : effects.uuid(tokenKey);
  }
  const jsonata = visit.queryLanguage === 'JSONata';
  let parameters: unknown;
  let timeoutSeconds: number | undefined;
  let heartbeatSeconds: number | undefined;
  if (jsonata) {
    const bindings = jsonataBindings(visit, { input });
    parameters =
      state['Arguments'] !== undefined
        ? await evaluateTemplate(state['Arguments'], bindings, 'Arguments')
        : input;
    timeoutSeconds = await numberField(visit, state['TimeoutSeconds'], () =>
      evaluateTemplate(state['TimeoutSeconds'], bindings, 'TimeoutSeconds'),
    );
    heartbeatSeconds = await numberField(visit, state['HeartbeatSeconds'], () =>
      evaluateTemplate(state['HeartbeatSeconds'], bindings, 'HeartbeatSeconds'),
    );
  } else {
    const effective = applyInputPath(visit, input);
    parameters =
      state['Parameters'] !== undefined
        ? evaluatePayloadTemplate(visit, state['Parameters'], effective)
        : effective;
    timeoutSeconds = checkedNumber(
      visit,
      state['TimeoutSeconds'] ?? pathValue(visit, 'TimeoutSecondsPath', effective),
    );
    heartbeatSeconds = checkedNumber(
      visit,
      state['HeartbeatSeconds'] ?? pathValue(visit, 'HeartbeatSecondsPath', effective),
    );
  }

  const { lean } = visit.branch.run;
  // Parameters that are the state's input as it is were checked at the previous state's exit
  // (unless an earlier attempt's handler had them since); a lean run builds no TaskScheduled
  // event, so it needs their size, not their text.
  const checked = parameters === input && visit.retryCount === 0 ? visit.inputChecked : undefined;
  const parametersText = lean
    ? ''
    : typeof checked === 'string'
      ? checked
      : (JSON.stringify(parameters) ?? 'null');
  if (lean ? checked !== true && exceedsPayloadLimit(parameters) : textExceedsPayloadLimit(parametersText)) {
    throw new StatesError(
      'States.DataLimitExceeded',
      `The state/task '${visit.name}' has an input with a size exceeding the maximum number of bytes service limit.`,
    );
  }
  if (lean) {
    countEvent(visit.branch.run);
    countEvent(visit.branch.run);
  } else if (names.lambda) {
    stateEvent(visit, 'scheduled', 'LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: {
        resource: resourceArn,
        input: parametersText,
        inputDetails: { truncated: false },
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      },
    });
    stateEvent(visit, 'started', 'LambdaFunctionStarted');
  } else {
    stateEvent(visit, 'scheduled', 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: names.resourceType,
        resource: names.resource,
        region: regionOf(visit),
        parameters: parametersText,
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      },
    });
    stateEvent(visit, 'started', 'TaskStarted', {
      taskStartedEventDetails: { resourceType: names.resourceType, resource: names.resource },
    });
  }

  const request: TaskRequest = new LazyContextTaskRequest(visit, resourceArn, parameters);
  if (timeoutSeconds !== undefined) request.timeoutSeconds = timeoutSeconds;
  if (heartbeatSeconds !== undefined) request.heartbeatSeconds = heartbeatSeconds;
  const outcome = await effects.runTask(`${attemptKey(visit)}/task`, request);
  checkAborted(visit.branch.run);

  if (!outcome.ok) {
    recordFailure(visit, names, outcome.error, outcome.cause);
    throw new StatesError(outcome.error, outcome.cause);
  }
  if (lean) countEvent(visit.branch.run);
  else if (names.lambda) {
    const outputText = JSON.stringify(outcome.output);
    stateEvent(visit, 'succeeded', 'LambdaFunctionSucceeded', {
      lambdaFunctionSucceededEventDetails: { output: outputText, outputDetails: { truncated: false } },
    });
  } else {
    const outputText = JSON.stringify(outcome.output);
    stateEvent(visit, 'succeeded', 'TaskSucceeded', {
      taskSucceededEventDetails: {
        resourceType: names.resourceType,
        resource: names.resource,
        output: outputText,
        outputDetails: { truncated: false },
      },
    });
  }
  const next = state['Next'] as string | undefined;
  if (jsonata)
    return { ...(await finishJsonata(visit, { input, result: outcome.output }, outcome.output)), next };
  return finishJsonPath(visit, input, outcome.output, next, WITH_RESULT_SELECTOR);
}

function recordFailure(
  visit: StateVisit,
  names: ResourceNames,
  error: string,
  cause: string | undefined,
): void {
  if (visit.branch.run.lean) {
    countEvent(visit.branch.run);
    return;
  }
  const timedOut = error === 'States.Timeout' || error === 'States.HeartbeatTimeout';
  const details = { error, ...(cause !== undefined ? { cause } : {}) };
  if (names.lambda) {
    const type = timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed';
    const field = timedOut ? 'lambdaFunctionTimedOutEventDetails' : 'lambdaFunctionFailedEventDetails';
    stateEvent(visit, 'failed', type, { [field]: details });
    return;
  }
  const type = timedOut ? 'TaskTimedOut' : 'TaskFailed';
  const field = timedOut ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails';
  stateEvent(visit, 'failed', type, {
    [field]: { resourceType: names.resourceType, resource: names.resource, ...details },
  });
}

function regionOf(visit: StateVisit): string {
  return visit.branch.run.stateMachine.Id.split(':')[3] || 'us-east-1';
}

function pathValue(visit: StateVisit, field: string, input: unknown): unknown {
  const path = visit.state[field];
  return typeof path === 'string' ? evaluateDynamicValue(visit, path, input, field) : undefined;
}

async function numberField(
  visit: StateVisit,
  value: unknown,
  evaluate?: () => Promise<unknown>,
): Promise<number | undefined> {
  if (value === undefined) return undefined;
  return checkedNumber(visit, typeof value === 'string' && evaluate ? await evaluate() : value);
}

/** A timeout or heartbeat as given (JSONPath): a positive integer, or none. */
function checkedNumber(visit: StateVisit, resolved: unknown): number | undefined {
  if (resolved === undefined) return undefined;
  if (typeof resolved !== 'number' || !Number.isInteger(resolved) || resolved <= 0) {
    throw new StatesError(
      'States.Runtime',
      stateMessage(
        visit.name,
        visit.enteredEventId,
        `Timeouts must be positive integers, but was: ${JSON.stringify(resolved)}`,
      ),
    );
  }
  return resolved;
}
