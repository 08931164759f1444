import { evaluateDynamicValue, jsonataBindings } from '../data-flow.ts';
import { StatesError } from '../errors.ts';
import type { StateVisit } from '../execution-run.ts';
import { evaluateTemplate } from '../jsonata-engine.ts';
import type { StateResult } from '../run-states.ts';

/** Fail: Error and Cause as literals, JSONPath paths or intrinsics (ErrorPath, CausePath), or JSONata. */
export async function runFail(visit: StateVisit, input: unknown): Promise<StateResult> {
  const { state } = visit;
  let error: unknown = state['Error'];
  let cause: unknown = state['Cause'];
  if (visit.queryLanguage === 'JSONata') {
    const bindings = jsonataBindings(visit, { input });
    if (error !== undefined) error = await evaluateTemplate(error, bindings, 'Error');
    if (cause !== undefined) cause = await evaluateTemplate(cause, bindings, 'Cause');
  } else {
    if (typeof state['ErrorPath'] === 'string')
      error = evaluateDynamicValue(visit, state['ErrorPath'], input, 'ErrorPath');
    if (typeof state['CausePath'] === 'string')
      cause = evaluateDynamicValue(visit, state['CausePath'], input, 'CausePath');
  }
  // An empty error name stands for a Fail state without Error: the execution fails with none.
  throw new StatesError(asText(error) ?? '', asText(cause));
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
