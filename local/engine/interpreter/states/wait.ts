import { applyInputPath, evaluateDynamicValue, jsonataBindings } from '../data-flow.ts';
import { runtimeError, StatesError, stateMessage } from '../errors.ts';
import { attemptKey, checkAborted, enteredTime, type StateVisit } from '../execution-run.ts';
import { evaluateTemplate } from '../jsonata-engine.ts';
import type { StateResult } from '../run-states.ts';
import { finishJsonata, finishJsonPath, WITHOUT_RESULT_PATH } from '../state-output.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Wait: until `Seconds` after entering, or until `Timestamp`; through effects, so virtual time works. */
export async function runWait(visit: StateVisit, input: unknown): Promise<StateResult> {
  const { state } = visit;
  const next = state['Next'] as string | undefined;
  const wakeAt =
    visit.queryLanguage === 'JSONata'
      ? await jsonataWakeAt(visit, input)
      : jsonPathWakeAt(visit, applyInputPath(visit, input));
  const { effects } = visit.branch.run;
  await effects.sleepUntil(`${attemptKey(visit)}/wait`, wakeAt);
  checkAborted(visit.branch.run);
  if (visit.queryLanguage === 'JSONata') return { ...(await finishJsonata(visit, { input }, input)), next };
  return finishJsonPath(visit, input, applyInputPath(visit, input), next, WITHOUT_RESULT_PATH);
}

function enteredAt(visit: StateVisit): number {
  return Date.parse(enteredTime(visit));
}

function jsonPathWakeAt(visit: StateVisit, input: unknown): Date {
  const { state } = visit;
  if (typeof state['Seconds'] === 'number') return new Date(enteredAt(visit) + state['Seconds'] * 1000);
  if (typeof state['Timestamp'] === 'string') return parseTimestamp(visit, state['Timestamp'], 'Timestamp');
  if (typeof state['SecondsPath'] === 'string') {
    const path = state['SecondsPath'];
    const seconds = evaluateDynamicValue(visit, path, input, 'SecondsPath');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
      throw runtimeError(
        visit.name,
        visit.enteredEventId,
        `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${JSON.stringify(seconds)}`,
      );
    }
    if (seconds < 0) {
      throw runtimeError(
        visit.name,
        visit.enteredEventId,
        `The SecondsPath parameter references a negative value: ${path} == ${seconds}`,
      );
    }
    return new Date(enteredAt(visit) + seconds * 1000);
  }
  if (typeof state['TimestampPath'] === 'string') {
    const value = evaluateDynamicValue(visit, state['TimestampPath'], input, 'TimestampPath');
    return parseTimestamp(visit, value, 'TimestampPath');
  }
  throw runtimeError(
    visit.name,
    visit.enteredEventId,
    'A Wait state needs Seconds, Timestamp, SecondsPath or TimestampPath.',
  );
}

function parseTimestamp(visit: StateVisit, value: unknown, field: string): Date {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw runtimeError(
      visit.name,
      visit.enteredEventId,
      `The ${field} parameter does not reference a valid ISO-8601 extended offset date-time format string: ${JSON.stringify(value)}`,
    );
  }
  return new Date(Date.parse(value));
}

async function jsonataWakeAt(visit: StateVisit, input: unknown): Promise<Date> {
  const { state } = visit;
  const bindings = jsonataBindings(visit, { input });
  if (state['Seconds'] !== undefined) {
    const seconds = await evaluateTemplate(state['Seconds'], bindings, 'Seconds');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new StatesError(
        'States.QueryEvaluationError',
        stateMessage(
          visit.name,
          visit.enteredEventId,
          `The JSONata expression specified for the field 'Seconds' must return a non-negative integer, but was: ${JSON.stringify(seconds)}`,
        ),
      );
    }
    return new Date(enteredAt(visit) + seconds * 1000);
  }
  const timestamp = await evaluateTemplate(state['Timestamp'], bindings, 'Timestamp');
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) {
    throw new StatesError(
      'States.QueryEvaluationError',
      stateMessage(
        visit.name,
        visit.enteredEventId,
        `The JSONata expression specified for the field 'Timestamp' returned an invalid timestamp: ${JSON.stringify(timestamp)}`,
      ),
    );
  }
  return new Date(Date.parse(timestamp));
}
