import { applyInputPath, evaluatePayloadTemplate } from '../data-flow.ts';
import type { StateVisit } from '../execution-run.ts';
import type { StateResult } from '../run-states.ts';
import { finishJsonata, finishJsonPath } from '../state-output.ts';

/** Pass: its result is `Result`, else Parameters applied to the input, else the input. */
export function runPass(visit: StateVisit, input: unknown): StateResult | Promise<StateResult> {
  const { state } = visit;
  const next = state['Next'] as string | undefined;
  if (visit.queryLanguage === 'JSONata') return passJsonata(visit, input, next);
  let result: unknown;
  if (state['Result'] !== undefined) {
    result = state['Result'];
  } else {
    const effective = applyInputPath(visit, input);
    result =
      state['Parameters'] !== undefined
        ? evaluatePayloadTemplate(visit, state['Parameters'], effective)
        : effective;
  }
  return finishJsonPath(visit, input, result, next);
}

async function passJsonata(
  visit: StateVisit,
  input: unknown,
  next: string | undefined,
): Promise<StateResult> {
  return { ...(await finishJsonata(visit, { input }, input)), next };
}
