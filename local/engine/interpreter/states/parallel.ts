import { runChildren } from '../child-branches.ts';
import { applyInputPath, evaluatePayloadTemplate, jsonataBindings } from '../data-flow.ts';
import { type StateVisit, stateEvent } from '../execution-run.ts';
import { evaluateTemplate } from '../jsonata-engine.ts';
import { withRetryAndCatch } from '../retry-catch.ts';
import type { StateResult, StatesDefinition } from '../run-states.ts';
import { finishJsonata, finishJsonPath, WITH_RESULT_SELECTOR } from '../state-output.ts';

/** Parallel: every branch gets the same input; the result is the array of their outputs, in order. */
export function runParallel(visit: StateVisit, input: unknown): Promise<StateResult> {
  return withRetryAndCatch(visit, input, attemptParallel);
}

async function attemptParallel(visit: StateVisit, input: unknown): Promise<StateResult> {
  const { state } = visit;
  const jsonata = visit.queryLanguage === 'JSONata';
  let branchInput: unknown;
  if (jsonata) {
    branchInput =
      state['Arguments'] !== undefined
        ? await evaluateTemplate(state['Arguments'], jsonataBindings(visit, { input }), 'Arguments')
        : input;
  } else {
    const effective = applyInputPath(visit, input);
    branchInput =
      state['Parameters'] !== undefined
        ? evaluatePayloadTemplate(visit, state['Parameters'], effective)
        : effective;
  }
  const branches = (state['Branches'] as StatesDefinition[]) ?? [];
  stateEvent(visit, 'started', 'ParallelStateStarted');
  let results: unknown[];
  try {
    results = await runChildren(
      visit,
      branches.map((machine) => ({ machine, input: branchInput })),
      0,
    );
  } catch (error) {
    stateEvent(visit, 'failed', 'ParallelStateFailed');
    throw error;
  }
  stateEvent(visit, 'succeeded', 'ParallelStateSucceeded');
  const next = state['Next'] as string | undefined;
  if (jsonata) return { ...(await finishJsonata(visit, { input, result: results }, results)), next };
  return finishJsonPath(visit, input, results, next, WITH_RESULT_SELECTOR);
}
