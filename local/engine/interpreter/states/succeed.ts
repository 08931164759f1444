import { applyInputPath, applyOutputPath } from '../data-flow.ts';
import type { StateVisit } from '../execution-run.ts';
import type { StateResult } from '../run-states.ts';
import { finishJsonata } from '../state-output.ts';

export function runSucceed(visit: StateVisit, input: unknown): StateResult | Promise<StateResult> {
  if (visit.queryLanguage === 'JSONata') return finishJsonata(visit, { input }, input);
  return { output: applyOutputPath(visit, applyInputPath(visit, input)) };
}
