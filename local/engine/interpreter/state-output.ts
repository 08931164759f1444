import { applyOutputPath, applyResultPath, evaluatePayloadTemplate, jsonataBindings } from './data-flow.ts';
import type { StateVisit } from './execution-run.ts';
import { evaluateTemplate } from './jsonata-engine.ts';
import type { StateResult } from './run-states.ts';
import { assignVariables } from './variables.ts';

/**
 * The end of a state's data flow, shared by Pass, Task, Map, Parallel, Wait, Choice, Succeed:
 * ResultSelector / ResultPath / OutputPath / Assign in JSONPath, Assign and Output in JSONata.
 * Assign and Output both see the variables as they were when the state was entered.
 */

export interface StateOutput {
  output: unknown;
  assigned?: Record<string, unknown>;
}

export interface JsonPathSteps {
  resultSelector?: boolean;
  resultPath?: boolean;
}

/** Task, Parallel and Map apply ResultSelector; Wait has no result to place (no ResultPath). */
export const WITH_RESULT_SELECTOR: JsonPathSteps = { resultSelector: true };
export const WITHOUT_RESULT_PATH: JsonPathSteps = { resultPath: false };
const RESULT_PATH_ONLY: JsonPathSteps = {};

/**
 * JSONPath: `result` is the state's result (task output, Map array, Pass Result or Parameters).
 * Takes `next` so that the state's result is built once, not copied to add it.
 */
export function finishJsonPath(
  visit: StateVisit,
  rawInput: unknown,
  result: unknown,
  next: string | undefined,
  steps: JsonPathSteps = RESULT_PATH_ONLY,
): StateResult {
  const { state } = visit;
  let selected = result;
  if (steps.resultSelector && state['ResultSelector'] !== undefined) {
    selected = evaluatePayloadTemplate(visit, state['ResultSelector'], result);
  }
  const assigned =
    state['Assign'] !== undefined
      ? (evaluatePayloadTemplate(visit, state['Assign'], selected) as Record<string, unknown>)
      : undefined;
  const merged =
    steps.resultPath === false ? selected : applyResultPath(visit, rawInput, selected, state['ResultPath']);
  const output = applyOutputPath(visit, merged);
  if (assigned) assignVariables(visit.branch.scope, assigned);
  return assigned ? { output, assigned, next } : { output, next };
}

/** JSONata: without Output the state's output is `result` when there is one, else its input. */
export async function finishJsonata(
  visit: StateVisit,
  states: { input: unknown; result?: unknown; errorOutput?: unknown },
  defaultOutput: unknown,
  fields: { assign?: unknown; output?: unknown } = {
    assign: visit.state['Assign'],
    output: visit.state['Output'],
  },
): Promise<StateOutput> {
  if (fields.assign === undefined && fields.output === undefined) return { output: defaultOutput };
  const bindings = jsonataBindings(visit, states);
  const assigned =
    fields.assign !== undefined
      ? ((await evaluateTemplate(fields.assign, bindings, 'Assign')) as Record<string, unknown>)
      : undefined;
  const output =
    fields.output !== undefined ? await evaluateTemplate(fields.output, bindings, 'Output') : defaultOutput;
  if (assigned) assignVariables(visit.branch.scope, assigned);
  return assigned ? { output, assigned } : { output };
}
